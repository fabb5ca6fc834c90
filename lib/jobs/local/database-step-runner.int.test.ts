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
