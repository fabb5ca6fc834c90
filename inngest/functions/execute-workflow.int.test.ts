import { InngestTestEngine, mockCtx } from "@inngest/test";
import { describe, expect, it } from "vitest";
import { executeWorkflow } from "@/inngest/functions/execute-workflow";
import { getDb } from "@/lib/db";
import type { WorkflowGraph } from "@/lib/engine/types";
import type { Prisma } from "@/lib/generated/prisma/client";
import { workspaceActor } from "@/lib/auth/workspace-actor";
import { decideApproval } from "@/lib/executions/decide-approval";
import { EXECUTION_REQUESTED } from "@/lib/jobs/events";
import { createTeam } from "@/scripts/testing/fixtures";
import { asJson, gedge, ggraph, gnode } from "@/scripts/testing/workflow-fixtures";

/** An execution row as the API would queue it — leased far ahead, so no local worker claims it. */
async function queuedExecution(graph: WorkflowGraph, input: Record<string, unknown> = {}) {
  const { workspace } = await createTeam();
  const db = getDb();
  const workflow = await db.workflow.create({ data: { workspaceId: workspace.id, name: "On Inngest", graph: asJson(graph), activeVersion: 1 } });
  const version = await db.workflowVersion.create({ data: { workflowId: workflow.id, version: 1, graph: asJson(graph) } });
  return db.execution.create({
    data: { workspaceId: workspace.id, workflowId: workflow.id, versionId: version.id, version: 1, input: input as Prisma.InputJsonObject, leaseOwner: "inngest", leaseExpiresAt: new Date(Date.now() + 3600_000) },
  });
}

describe("the Inngest function (execute-workflow) through @inngest/test", () => {
  it("runs the engine with Inngest's steps and stores the outcome and node runs", async () => {
    const graph = ggraph(
      [gnode("start", "trigger.manual"), gnode("greet", "data.transform", { mode: "fields", fields: { text: "Hi {{ input.name }}" } }), gnode("out", "flow.output", { name: "greeting", value: "{{ prev.text }}" })],
      [gedge("start", "greet"), gedge("greet", "out")],
    );
    const execution = await queuedExecution(graph, { name: "Ada" });
    const engine = new InngestTestEngine({ function: executeWorkflow, events: [{ name: EXECUTION_REQUESTED, data: { executionId: execution.id } }] });
    const { result, error } = await engine.execute();
    expect(error).toBeUndefined();
    expect(result).toEqual({ status: "completed" });
    const stored = await getDb().execution.findUniqueOrThrow({ where: { id: execution.id }, include: { nodeRuns: { where: { kind: "node" } } } });
    expect(stored).toMatchObject({ status: "completed", output: { greeting: "Hi Ada" } });
    expect(stored.nodeRuns.map((run) => run.key).sort()).toEqual(["node:greet", "node:out", "node:start"]);
  });

  it("sleeps with step.sleep", async () => {
    const graph = ggraph([gnode("start", "trigger.manual"), gnode("pause", "flow.delay", { seconds: 3600 }), gnode("out", "flow.output", { name: "r", value: "after the pause" })], [gedge("start", "pause"), gedge("pause", "out")]);
    const execution = await queuedExecution(graph);
    // The test engine does not skip sleeps: the step is answered by id.
    const engine = new InngestTestEngine({
      function: executeWorkflow,
      events: [{ name: EXECUTION_REQUESTED, data: { executionId: execution.id } }],
      steps: [{ id: "node:pause:sleep", handler() {} }],
    });
    const { result } = await engine.execute();
    expect(result).toEqual({ status: "completed" });
    expect((await getDb().execution.findUniqueOrThrow({ where: { id: execution.id } })).output).toEqual({ r: "after the pause" });
  });

  it("ends a step with a non-retryable error at once, recorded on the node run", async () => {
    const graph = ggraph([gnode("start", "trigger.manual"), gnode("bad", "data.code", { source: "throw new Error('nope')" })], [gedge("start", "bad")]);
    const execution = await queuedExecution(graph);
    // The test engine stops at a failing step; the Inngest server would then hand the error to
    // the function (which the engine records as a failed execution).
    const { error } = await new InngestTestEngine({ function: executeWorkflow, events: [{ name: EXECUTION_REQUESTED, data: { executionId: execution.id } }] }).execute();
    expect(String((error as Error)?.message ?? error)).toMatch(/nope/);
    const run = await getDb().nodeRun.findUniqueOrThrow({ where: { executionId_key: { executionId: execution.id, key: "node:bad" } } });
    expect(run).toMatchObject({ status: "failed", attempts: 1 });
    expect(run.error).toMatch(/The code threw Error: nope/);
  });

  describe("approvals", () => {
    const approvalGraph = (timeoutHours = 72) =>
      ggraph(
        [gnode("start", "trigger.manual"), gnode("review", "human.approval", { timeoutHours }), gnode("ship", "flow.output", { name: "result", value: "shipped" }), gnode("hold", "flow.output", { name: "result", value: "held" })],
        [gedge("start", "review"), gedge("review", "ship", "approved"), gedge("review", "hold", "rejected")],
      );
    const decide = (execution: { id: string; workspaceId: string }, approved: boolean) => decideApproval(workspaceActor(execution.workspaceId), { executionId: execution.id, nodeId: "review", approved });
    /**
     * The test engine cannot answer a mocked waitForEvent (inngest 4.24 validates the lazy mock
     * result as an event and fails the step), so each wait is played by a memoized step of the
     * same id whose answer is the wait's outcome: the event's data, or null for "timed out".
     * Inngest never matches an event sent before the wait was registered.
     */
    const engineWithWaits = (executionId: string, answer: (id: string, timeoutMs: number) => Promise<unknown>) => {
      const waits: { id: string; timeoutMs: number }[] = [];
      const engine = new InngestTestEngine({
        function: executeWorkflow,
        events: [{ name: EXECUTION_REQUESTED, data: { executionId } }],
        transformCtx: (raw) => {
          const ctx = mockCtx(raw);
          ctx.step.waitForEvent = ((id: string, options: { timeout: number }) =>
            ctx.step.run(id, () => {
              waits.push({ id, timeoutMs: options.timeout });
              return answer(id, options.timeout);
            })) as never;
          return ctx;
        },
      });
      return { engine, waits };
    };

    it("takes a decision made before the run reached the node, without waiting", async () => {
      const execution = await queuedExecution(approvalGraph());
      await decide(execution, true);
      const { engine, waits } = engineWithWaits(execution.id, async () => null);
      const { result, error } = await engine.execute();
      expect(error).toBeUndefined();
      expect(result).toEqual({ status: "completed" });
      expect(waits).toEqual([]);
      expect((await getDb().execution.findUniqueOrThrow({ where: { id: execution.id } })).output).toEqual({ result: "shipped" });
    });

    it("takes the event of a decision made while waiting", async () => {
      const execution = await queuedExecution(approvalGraph());
      const { engine, waits } = engineWithWaits(execution.id, async () => ({ name: "workflow/approval.decided", data: { approved: false, comment: "not yet" } }));
      const { result } = await engine.execute();
      expect(result).toEqual({ status: "completed" });
      expect(waits).toEqual([{ id: "node:review:approval:slice:0", timeoutMs: 15_000 }]);
      expect((await getDb().execution.findUniqueOrThrow({ where: { id: execution.id } })).output).toEqual({ result: "held" });
    });

    it("finds a decision whose event a wait missed, at the end of that slice", async () => {
      const execution = await queuedExecution(approvalGraph());
      const { engine, waits } = engineWithWaits(execution.id, async () => {
        await decide(execution, false);
        return null;
      });
      const { result } = await engine.execute();
      expect(result).toEqual({ status: "completed" });
      expect(waits.map((wait) => wait.id)).toEqual(["node:review:approval:slice:0"]);
      expect((await getDb().execution.findUniqueOrThrow({ where: { id: execution.id } })).output).toEqual({ result: "held" });
    });

    it("takes the rejected branch with timedOut when nothing is decided before the timeout", async () => {
      const execution = await queuedExecution(approvalGraph(0.0005)); // 1.8 s: two slices of 1 s
      const { engine, waits } = engineWithWaits(execution.id, (_id, timeoutMs) => new Promise((resolve) => setTimeout(() => resolve(null), timeoutMs)));
      const { result } = await engine.execute();
      expect(result).toEqual({ status: "completed" });
      expect(waits.length).toBeGreaterThanOrEqual(1);
      const review = await getDb().nodeRun.findUniqueOrThrow({ where: { executionId_key: { executionId: execution.id, key: "node:review:completed" } } });
      expect(review.result).toMatchObject({ output: { approved: false, timedOut: true } });
    });
  });
});
