import { describe, expect, it } from "vitest";
import { announceApprovalChange } from "@/lib/approvals/announce-approval-change";
import { getDb } from "@/lib/db";
import { DatabaseStepRunner } from "@/lib/jobs/local/database-step-runner";
import { createRedactor } from "@/lib/jobs/redactor";
import { createRunningExecution } from "@/scripts/testing/fixtures";

describe("the local driver's wait for an event", () => {
  it("is woken by the decision's notification, not by its re-read timer", async () => {
    const execution = await createRunningExecution();
    const idle: boolean[] = [];
    // A re-read interval far beyond the test timeout: only the notification can end this wait.
    const step = new DatabaseStepRunner({ executionId: execution.id, redactor: createRedactor(), signal: new AbortController().signal, signalPollMs: 10 * 60_000, onIdle: (value) => idle.push(value) });
    const waiting = step.waitForEvent<{ approved: boolean }>("node:review", { event: "workflow/approval.decided", match: "review", timeoutMs: 60 * 60_000 });
    await expect.poll(() => idle.length).toBe(1); // waiting now (its slot given away)
    await getDb().executionSignal.create({ data: { executionId: execution.id, event: "workflow/approval.decided", match: "review", data: { approved: true } } });
    await announceApprovalChange(execution.id);
    await expect(waiting).resolves.toMatchObject({ approved: true });
    expect(idle).toEqual([true, false]);
  });
});

describe("the local driver's sleep", () => {
  it("stores its wake-up time once, before sleeping; a replay sleeps only until that time", async () => {
    const execution = await createRunningExecution();
    const first = new AbortController();
    const runner = (signal: AbortSignal) => new DatabaseStepRunner({ executionId: execution.id, redactor: createRedactor(), signal });
    const sleeping = runner(first.signal).sleep("node:pause:sleep", 60_000).catch((error: unknown) => error);
    const stored = () => getDb().nodeRun.findUnique({ where: { executionId_key: { executionId: execution.id, key: "node:pause:sleep:until" } } });
    await expect.poll(async () => (await stored())?.status).toBe("completed");
    const wakeAt = ((await stored())!.result as { wakeAt: number }).wakeAt;
    expect(wakeAt).toBeGreaterThan(Date.now() + 30_000);
    first.abort(new Error("stopped")); // the process stops mid-sleep
    expect(await sleeping).toBeInstanceOf(Error);

    // Most of the minute has passed by the time the replay runs: it reads the stored time, so it
    // neither sleeps a fresh minute nor stores a new time.
    const nearlyDue = Date.now() + 50;
    await getDb().nodeRun.update({ where: { executionId_key: { executionId: execution.id, key: "node:pause:sleep:until" } }, data: { result: { wakeAt: nearlyDue } } });
    await expect(runner(new AbortController().signal).sleep("node:pause:sleep", 60_000)).resolves.toBeUndefined();
    expect(Date.now()).toBeGreaterThanOrEqual(nearlyDue);
    expect(await stored()).toMatchObject({ status: "completed", attempts: 1, result: { wakeAt: nearlyDue } });
  });
});

