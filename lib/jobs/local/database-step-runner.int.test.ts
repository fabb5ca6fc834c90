import { describe, expect, it } from "vitest";
import { announceApprovalChange } from "@/lib/approvals/announce-approval-change";
import { getDb } from "@/lib/db";
import { DatabaseStepRunner } from "@/lib/jobs/local/database-step-runner";
import { createRedactor } from "@/lib/jobs/redactor";
import { createTeam } from "@/scripts/testing/fixtures";
import { asJson, gedge, ggraph, gnode } from "@/scripts/testing/workflow-fixtures";

async function runningExecution() {
  const { workspace } = await createTeam();
  const graph = asJson(ggraph([gnode("start", "trigger.manual"), gnode("out", "flow.output", { value: "ok" })], [gedge("start", "out")]));
  const workflow = await getDb().workflow.create({ data: { workspaceId: workspace.id, name: "Wait", graph, activeVersion: 1 } });
  const version = await getDb().workflowVersion.create({ data: { workflowId: workflow.id, version: 1, graph } });
  return getDb().execution.create({ data: { workspaceId: workspace.id, workflowId: workflow.id, versionId: version.id, version: 1, status: "running" } });
}

describe("the local driver's wait for an event", () => {
  it("is woken by the decision's notification, not by its re-read timer", async () => {
    const execution = await runningExecution();
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
