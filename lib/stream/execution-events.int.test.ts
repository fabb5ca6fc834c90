import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { ExecutionEventSink } from "@/lib/stream/execution-event-sink";
import { streamExecutionEvents } from "@/lib/stream/stream-execution-events";
import { createRunningExecution } from "@/scripts/testing/fixtures";

describe("execution events", () => {
  it("keep a gap-free sequence with several writers at once (parallel steps on Inngest run in parallel requests)", async () => {
    const execution = await createRunningExecution({ lease: true });
    const writers = [new ExecutionEventSink(execution.id), new ExecutionEventSink(execution.id), new ExecutionEventSink(execution.id)];
    await Promise.all(writers.flatMap((sink, writer) => Array.from({ length: 15 }, (_, n) => sink.emit({ type: "node.started", nodeId: `w${writer}`, key: `node:w${writer}:${n}` }))));
    const stored = await getDb().executionEvent.findMany({ where: { executionId: execution.id }, orderBy: { seq: "asc" }, select: { seq: true, nodeId: true, data: true } });
    expect(stored.map((event) => event.seq)).toEqual(Array.from({ length: 45 }, (_, index) => index + 1));
    // Each writer's own events stay in the order it emitted them.
    for (const writer of [0, 1, 2]) {
      expect(stored.filter((event) => event.nodeId === `w${writer}`).map((event) => (event.data as { key: string }).key)).toEqual(Array.from({ length: 15 }, (_, n) => `node:w${writer}:${n}`));
    }
  });

  it("stream comment heartbeats while nothing happens, so proxies keep the connection", async () => {
    const execution = await createRunningExecution({ lease: true });
    const controller = new AbortController();
    const reader = streamExecutionEvents({ executionId: execution.id, afterSeq: 0, heartbeatMs: 100, pollMs: 60_000, signal: controller.signal }).getReader();
    const decoder = new TextDecoder();
    let text = "";
    const started = Date.now();
    while ((text.match(/^: heartbeat$/gm) ?? []).length < 2) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`the stream ended: ${text}`);
      text += decoder.decode(value, { stream: true });
    }
    controller.abort();
    expect(text.startsWith("retry: 2000\n\n")).toBe(true);
    expect(text).not.toMatch(/^event:/m);
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
