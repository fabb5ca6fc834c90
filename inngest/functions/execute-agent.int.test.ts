import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { executeWorkflow } from "@/inngest/functions/execute-workflow";
import { getDb } from "@/lib/db";
import { EXECUTION_REQUESTED } from "@/lib/jobs/events";
import { startFakeLlmServer } from "@/scripts/testing/fake-llm-server";
import { createTeam } from "@/scripts/testing/fixtures";
import { asJson, gedge, ggraph, gnode } from "@/scripts/testing/workflow-fixtures";

// The agent's base URL is user-chosen: the outbound policy must allow the loopback fake model.
vi.hoisted(() => {
  process.env.AGENTRY_HTTP_ALLOW = "127.0.0.1";
});

let fake: Awaited<ReturnType<typeof startFakeLlmServer>>;
beforeAll(async () => {
  fake = await startFakeLlmServer({
    respond: (turn) =>
      turn.turn === 0
        ? { toolCalls: [{ id: "c1", name: "run_code", arguments: { code: "return input * 2", input: 21 } }, { id: "c2", name: "run_code", arguments: { code: "return input + 1", input: 1 } }] }
        : { text: `Results: ${turn.toolResults.map((result) => result.content).join(", ")}` },
  });
});
afterAll(async () => {
  await fake.stop();
});

describe("the agent loop on the Inngest driver (@inngest/test)", () => {
  it("makes each model turn and each parallel tool call an Inngest step", async () => {
    const graph = ggraph(
      [
        gnode("start", "trigger.manual"),
        gnode("agent", "ai.agent", { provider: "openai-compatible", model: "local-model", baseUrl: fake.openaiBaseUrl, prompt: "Compute.", tools: [{ type: "code" }] }),
      ],
      [gedge("start", "agent")],
    );
    const { workspace } = await createTeam();
    const db = getDb();
    const workflow = await db.workflow.create({ data: { workspaceId: workspace.id, name: "Agent on Inngest", graph: asJson(graph), activeVersion: 1 } });
    const version = await db.workflowVersion.create({ data: { workflowId: workflow.id, version: 1, graph: asJson(graph) } });
    // Leased far ahead, so no local worker claims it.
    const execution = await db.execution.create({ data: { workspaceId: workspace.id, workflowId: workflow.id, versionId: version.id, version: 1, leaseOwner: "inngest", leaseExpiresAt: new Date(Date.now() + 3600_000) } });

    const { result, error } = await new InngestTestEngine({ function: executeWorkflow, events: [{ name: EXECUTION_REQUESTED, data: { executionId: execution.id } }] }).execute();
    expect(error).toBeUndefined();
    expect(result).toEqual({ status: "completed" });
    const stored = await db.execution.findUniqueOrThrow({ where: { id: execution.id }, include: { nodeRuns: true } });
    expect(stored.output).toEqual({ text: "Results: 42, 2", model: "local-model" });
    const keys = stored.nodeRuns.map((run) => run.key);
    expect(keys).toEqual(expect.arrayContaining(["node:agent:tools", "node:agent:turn:0", "node:agent:tool:c1", "node:agent:tool:c2", "node:agent:turn:1", "node:agent"]));
    // Attempt counts are not checked here: after parallel steps @inngest/test runs one step of
    // the batch and the steps after it a second time (measured with a plain two-branch workflow
    // too: node:b=2, node:m=2, execution:finished=2). The local driver's crash test checks "once".
  });
});
