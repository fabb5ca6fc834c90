import { NonRetriableError } from "inngest";
import { describe, expect, it, vi } from "vitest";
import { inngestStepRunner } from "@/lib/jobs/inngest/inngest-step-runner";
import { createRedactor } from "@/lib/jobs/redactor";

vi.mock("@/lib/jobs/record-step-run", () => ({ recordStepRun: (_context: unknown, fn: () => Promise<unknown>) => fn() }));

function fakeStep() {
  return {
    run: vi.fn(async (_id: string, fn: () => Promise<unknown>) => fn()),
    sleep: vi.fn(async () => {}),
    waitForEvent: vi.fn(async () => ({ name: "workflow/approval.decided", data: { approved: true, nodeId: "review" } })),
  };
}

describe("inngestStepRunner", () => {
  it("waits for the decision of this execution's node only", async () => {
    const step = fakeStep();
    const runner = inngestStepRunner(step, { executionId: "exec_1", redactor: createRedactor() });
    const decision = await runner.waitForEvent("node:review:approval", { event: "workflow/approval.decided", match: "review", timeoutMs: 60_000 });
    expect(decision).toEqual({ approved: true, nodeId: "review" });
    expect(step.waitForEvent).toHaveBeenCalledWith("node:review:approval", {
      event: "workflow/approval.decided",
      timeout: 60_000,
      if: 'async.data.executionId == "exec_1" && async.data.nodeId == "review"',
    });
  });

  it("turns errors the engine marks as not retryable into NonRetriableError, and lets retryable ones through", async () => {
    const runner = inngestStepRunner(fakeStep(), { executionId: "e", redactor: createRedactor() });
    await expect(runner.run("node:a", async () => Promise.reject(Object.assign(new Error("bad config"), { retryable: false })))).rejects.toBeInstanceOf(NonRetriableError);
    const transient = Object.assign(new Error("503"), { retryable: true });
    await expect(runner.run("node:b", async () => Promise.reject(transient))).rejects.toBe(transient);
  });

  it("sleeps through step.sleep", async () => {
    const step = fakeStep();
    await inngestStepRunner(step, { executionId: "e", redactor: createRedactor() }).sleep("node:d:sleep", 5000);
    expect(step.sleep).toHaveBeenCalledWith("node:d:sleep", 5000);
  });
});
