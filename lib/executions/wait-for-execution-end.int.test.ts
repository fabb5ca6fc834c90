import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { waitForExecutionEnd } from "@/lib/executions/wait-for-execution-end";
import { ExecutionEventSink } from "@/lib/stream/execution-event-sink";
import { createRunningExecution } from "@/scripts/testing/fixtures";

describe("waitForExecutionEnd", () => {
  it("is woken by the terminal event, not by its poll timer", async () => {
    const execution = await createRunningExecution();
    // A poll interval far beyond the test timeout: only the notification can end this wait.
    const waiting = waitForExecutionEnd(execution.id, { pollMs: 10 * 60_000 });
    const sink = new ExecutionEventSink(execution.id);
    await sink.append({ type: "node.started", nodeId: "out", data: { key: "node:out" } });
    await getDb().execution.update({ where: { id: execution.id }, data: { status: "completed", output: { value: "ok" } } });
    await sink.append({ type: "execution.completed", data: { status: "completed" } });
    await expect(waiting).resolves.toMatchObject({ id: execution.id, status: "completed", output: { value: "ok" } });
  });

  it("returns null at its deadline and stops on abort", async () => {
    const execution = await createRunningExecution();
    await expect(waitForExecutionEnd(execution.id, { timeoutMs: 50 })).resolves.toBeNull();
    const controller = new AbortController();
    const waiting = waitForExecutionEnd(execution.id, { signal: controller.signal });
    controller.abort(new Error("stopped"));
    await expect(waiting).rejects.toThrow("stopped");
  });
});
