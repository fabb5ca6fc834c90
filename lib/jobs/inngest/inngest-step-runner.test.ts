import { NonRetriableError } from "inngest";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { inngestStepRunner, waitSliceMs } from "@/lib/jobs/inngest/inngest-step-runner";
import { createRedactor } from "@/lib/jobs/redactor";

const signals = vi.hoisted(() => ({ read: vi.fn<(where: unknown) => Promise<unknown>>() }));
vi.mock("@/lib/jobs/record-step-run", () => ({ recordStepRun: (_context: unknown, fn: () => Promise<unknown>) => fn() }));
vi.mock("@/lib/jobs/read-execution-signal", () => ({ readExecutionSignal: signals.read }));
vi.mock("@/lib/jobs/set-execution-waiting", () => ({ setExecutionWaiting: async () => {} }));

function fakeStep() {
  return {
    run: vi.fn(async (_id: string, fn: () => Promise<unknown>) => fn()),
    sleep: vi.fn(async () => {}),
    waitForEvent: vi.fn(async () => ({ name: "workflow/approval.decided", data: { approved: true, nodeId: "review" } })),
  };
}

describe("inngestStepRunner", () => {
  beforeEach(() => {
    signals.read.mockReset().mockResolvedValue(null);
  });

  it("waits for the decision of this execution's node only, in a first short slice", async () => {
    const step = fakeStep();
    const runner = inngestStepRunner(step, { executionId: "exec_1", redactor: createRedactor() });
    const decision = await runner.waitForEvent("node:review:approval", { event: "workflow/approval.decided", match: "review", timeoutMs: 60_000 });
    expect(decision).toEqual({ approved: true, nodeId: "review" });
    expect(step.waitForEvent).toHaveBeenCalledTimes(1);
    expect(step.waitForEvent).toHaveBeenCalledWith("node:review:approval:slice:0", {
      event: "workflow/approval.decided",
      timeout: 15_000,
      if: 'async.data.executionId == "exec_1" && async.data.nodeId == "review"',
    });
    expect(signals.read).toHaveBeenCalledWith({ executionId: "exec_1", event: "workflow/approval.decided", match: "review" });
  });

  it("takes a decision stored before the wait without waiting (an event sent then matches nothing on Inngest)", async () => {
    const step = fakeStep();
    signals.read.mockResolvedValueOnce({ approved: false, comment: "early", nodeId: "review" });
    const decision = await inngestStepRunner(step, { executionId: "exec_1", redactor: createRedactor() }).waitForEvent("node:review:approval", { event: "workflow/approval.decided", match: "review", timeoutMs: 60_000 });
    expect(decision).toEqual({ approved: false, comment: "early", nodeId: "review" });
    expect(step.waitForEvent).not.toHaveBeenCalled();
  });

  it("reads the stored decision again after a slice ends without the event (it raced the registration)", async () => {
    const step = fakeStep();
    step.waitForEvent.mockResolvedValueOnce(null as never);
    signals.read.mockResolvedValueOnce(null).mockResolvedValueOnce({ approved: true, nodeId: "review" });
    const decision = await inngestStepRunner(step, { executionId: "exec_1", redactor: createRedactor() }).waitForEvent("node:review:approval", { event: "workflow/approval.decided", match: "review", timeoutMs: 3_600_000 });
    expect(decision).toEqual({ approved: true, nodeId: "review" });
    expect(step.waitForEvent).toHaveBeenCalledTimes(1);
    expect(step.run.mock.calls.map(([id]) => id)).toEqual(["node:review:approval:until", "node:review:approval:check:0", "node:review:approval:check:1"]);
  });

  it("times out with null once the deadline has passed, the last slice cut to what remains", async () => {
    const step = fakeStep();
    step.waitForEvent.mockResolvedValue(null as never);
    signals.read.mockResolvedValue(null);
    let now = 1_000_000;
    const clock = vi.spyOn(Date, "now").mockImplementation(() => now);
    step.waitForEvent.mockImplementation((async (_id: string, { timeout }: { timeout: number }) => {
      now += timeout;
      return null;
    }) as never);
    try {
      const decision = await inngestStepRunner(step, { executionId: "e", redactor: createRedactor() }).waitForEvent("node:r:approval", { event: "workflow/approval.decided", match: "r", timeoutMs: 100_000 });
      expect(decision).toBeNull();
    } finally {
      clock.mockRestore();
    }
    expect(step.waitForEvent.mock.calls.map((call) => ((call as unknown[])[1] as { timeout: number }).timeout)).toEqual([15_000, 60_000, 25_000]);
  });

  it("keeps even the longest wait (30 days) within a few hundred steps", () => {
    const timeoutMs = 30 * 24 * 3_600_000;
    let slices = 0;
    for (let waited = 0; waited < timeoutMs; slices++) waited += waitSliceMs(slices, timeoutMs);
    expect(slices).toBeLessThan(250);
    expect(waitSliceMs(0, 72 * 3_600_000)).toBe(15_000);
    expect(waitSliceMs(10, 72 * 3_600_000)).toBe(3_600_000);
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

describe("inngestStepRunner.invokeExecution", () => {
  it("invokes execute-workflow for the child execution with step.invoke, under the caller's key", async () => {
    const invoke = vi.fn(async () => ({ status: "completed" }));
    const runner = inngestStepRunner({ ...fakeStep(), invoke }, { executionId: "exec_1", redactor: createRedactor() });
    await runner.invokeExecution!("node:child:child", "exec_child");
    expect(invoke).toHaveBeenCalledTimes(1);
    const [id, options] = invoke.mock.calls[0] as unknown as [string, { function: { opts: { functionId: string } }; data: unknown }];
    expect(id).toBe("node:child:child");
    expect(options.function.opts.functionId).toBe("execute-workflow");
    expect(options.data).toEqual({ executionId: "exec_child" });
  });

  it("resolves when the invoked run failed or was cancelled (the caller reads the child's stored outcome)", async () => {
    const invoke = vi.fn(async () => {
      throw new Error("The invoked function was cancelled");
    });
    const runner = inngestStepRunner({ ...fakeStep(), invoke }, { executionId: "exec_1", redactor: createRedactor() });
    await expect(runner.invokeExecution!("node:child:child", "exec_child")).resolves.toBeUndefined();
  });

  it("is absent when the step tools cannot invoke", () => {
    expect(inngestStepRunner(fakeStep(), { executionId: "exec_1", redactor: createRedactor() }).invokeExecution).toBeUndefined();
  });
});
