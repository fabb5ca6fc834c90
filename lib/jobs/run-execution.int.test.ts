import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { DatabaseStepRunner } from "@/lib/jobs/local/database-step-runner";
import { createRedactor } from "@/lib/jobs/redactor";
import { runExecution } from "@/lib/jobs/run-execution";
import { createTeam } from "@/scripts/testing/fixtures";
import { asJson, gedge, ggraph, gnode } from "@/scripts/testing/workflow-fixtures";

describe("runExecution", () => {
  it("ends as cancelled when the cancel came before the engine started (an already-aborted signal fires no listener)", async () => {
    const { workspace } = await createTeam();
    const graph = asJson(ggraph([gnode("start", "trigger.manual"), gnode("wait", "flow.delay", { seconds: 120 })], [gedge("start", "wait")]));
    const workflow = await getDb().workflow.create({ data: { workspaceId: workspace.id, name: "Early cancel", graph, activeVersion: 1 } });
    const version = await getDb().workflowVersion.create({ data: { workflowId: workflow.id, version: 1, graph } });
    const execution = await getDb().execution.create({ data: { workspaceId: workspace.id, workflowId: workflow.id, versionId: version.id, version: 1, status: "queued" } });
    const controller = new AbortController();
    controller.abort(); // the worker was told to stop while the run was being claimed
    const redactor = createRedactor();
    const step = new DatabaseStepRunner({ executionId: execution.id, redactor, signal: controller.signal, backoffMs: () => 1 });
    const result = await runExecution({ executionId: execution.id, step, redactor, signal: controller.signal });
    expect(result?.status).toBe("cancelled");
    expect((await getDb().execution.findUniqueOrThrow({ where: { id: execution.id } })).status).toBe("cancelled");
  });
});
