import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { openFeedCount } from "@/lib/stream/execution-feed";
import { ExecutionEventSink } from "@/lib/stream/execution-event-sink";
import { getExecutionNotifier } from "@/lib/stream/execution-notifier";
import { streamExecutionEvents } from "@/lib/stream/stream-execution-events";
import { createRunningExecution } from "@/scripts/testing/fixtures";
import { readSse } from "@/scripts/testing/sse";

/** Collects every event id of a stream until it ends. */
function collect(body: ReadableStream<Uint8Array>) {
  const ids: number[] = [];
  const done = readSse(body, (message) => void ids.push(Number(message.id)));
  return { ids, done };
}

describe("the shared execution feed", () => {
  it("gives 300 live subscribers and late joiners every event once, in order, through one feed", async () => {
    const execution = await createRunningExecution();
    const sink = new ExecutionEventSink(execution.id);
    await sink.append({ type: "execution.started", data: {} });
    const streams = Array.from({ length: 300 }, () => collect(streamExecutionEvents({ executionId: execution.id, afterSeq: 0, pollMs: 60_000 })));
    await expect.poll(() => streams.every((stream) => stream.ids.length === 1), { timeout: 20_000 }).toBe(true);
    expect(openFeedCount()).toBeGreaterThanOrEqual(1);
    for (let i = 0; i < 20; i++) {
      await sink.append({ type: "node.started", nodeId: `n${i}`, data: { key: `node:n${i}` } });
      if (i === 10) {
        // Late joiners: one from the start, one resuming after event 5 (a reconnect).
        streams.push(collect(streamExecutionEvents({ executionId: execution.id, afterSeq: 0, pollMs: 60_000 })));
        streams.push(collect(streamExecutionEvents({ executionId: execution.id, afterSeq: 5, pollMs: 60_000 })));
      }
    }
    await sink.append({ type: "execution.completed", data: {} });
    await Promise.all(streams.map((stream) => stream.done));
    const all = Array.from({ length: 22 }, (_, index) => index + 1);
    for (const stream of streams.slice(0, 301)) expect(stream.ids).toEqual(all);
    expect(streams.at(-1)!.ids).toEqual(all.slice(5));
    expect(openFeedCount()).toBe(0); // the last subscriber's exit closes the feed
  });

  it("holds back an event after a gap in the numbering until the missing one is stored", async () => {
    const execution = await createRunningExecution();
    const db = getDb();
    const stream = collect(streamExecutionEvents({ executionId: execution.id, afterSeq: 0, pollMs: 60_000 }));
    const store = async (seq: number, type = "node.started") => {
      await db.executionEvent.create({ data: { executionId: execution.id, seq, type, data: {} } });
      await getExecutionNotifier().publish(execution.id, { seq });
    };
    await store(1);
    await expect.poll(() => stream.ids).toEqual([1]);
    await store(3); // 2 is still being written by another writer
    await store(2);
    await store(4, "execution.completed");
    await stream.done;
    expect(stream.ids).toEqual([1, 2, 3, 4]);
  });

  it("disconnects a client that stops reading, without holding up the others; it resumes with Last-Event-ID", async () => {
    const execution = await createRunningExecution();
    const sink = new ExecutionEventSink(execution.id);
    const stalled = streamExecutionEvents({ executionId: execution.id, afterSeq: 0, pollMs: 60_000, maxBufferedBytes: 20_000 });
    const reader = collect(streamExecutionEvents({ executionId: execution.id, afterSeq: 0, pollMs: 60_000 }));
    const big = "x".repeat(2_000);
    for (let i = 0; i < 100; i++) await sink.append({ type: "node.completed", nodeId: `n${i}`, data: { key: `node:n${i}`, output: big } });
    await expect.poll(() => reader.ids.length, { timeout: 10_000 }).toBe(100);
    // The stalled client's stream was closed once its buffer (64 kB) plus 20 kB sat unread:
    // reading it now ends early, after what was queued.
    const seen: number[] = [];
    const result = await readSse(stalled, (message) => void seen.push(Number(message.id)));
    expect(result.ended).toBe(true);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.length).toBeLessThan(100);
    // Its reconnect picks up exactly where it stopped.
    const resumed = collect(streamExecutionEvents({ executionId: execution.id, afterSeq: seen.at(-1)!, pollMs: 60_000 }));
    await sink.append({ type: "execution.completed", data: {} });
    await Promise.all([resumed.done, reader.done]);
    expect([...seen, ...resumed.ids]).toEqual(Array.from({ length: 101 }, (_, index) => index + 1));
  });
});
