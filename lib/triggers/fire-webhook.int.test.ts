import { describe, expect, it } from "vitest";
import { workspaceActor } from "@/lib/auth/workspace-actor";
import { getDb } from "@/lib/db";
import { waitForExecutionEnd } from "@/lib/executions/wait-for-execution-end";
import { fireWebhook } from "@/lib/triggers/fire-webhook";
import { listTriggers } from "@/lib/triggers/list-triggers";
import { createWorkflow } from "@/lib/workflows/create-workflow";
import { publishWorkflow } from "@/lib/workflows/publish-workflow";
import { updateWorkflow } from "@/lib/workflows/update-workflow";
import { createTeam } from "@/scripts/testing/fixtures";
import { gedge, ggraph, gnode } from "@/scripts/testing/workflow-fixtures";

const pureGraph = (value: string) =>
  ggraph(
    [gnode("hook", "trigger.webhook"), gnode("shape", "data.transform", { mode: "fields", fields: { n: "{{ input.body.n }}" } }), gnode("out", "flow.output", { name: "echo", value })],
    [gedge("hook", "shape"), gedge("shape", "out")],
  );

async function publishedWebhook(graph: ReturnType<typeof pureGraph>) {
  const { workspace } = await createTeam();
  const actor = workspaceActor(workspace.id, "owner");
  const workflow = await createWorkflow(actor, { name: "Hook", description: "", graph });
  await publishWorkflow(actor, { workflowId: workflow.id });
  const webhook = (await listTriggers(actor, { workflowId: workflow.id, baseUrl: "http://localhost" })).find((trigger) => trigger.type === "webhook");
  if (!webhook || webhook.type !== "webhook") throw new Error("no webhook");
  return { actor, workflow, triggerId: webhook.id, secret: webhook.secret! };
}

async function storedRun(executionId: string) {
  const events = await getDb().executionEvent.findMany({ where: { executionId }, orderBy: { seq: "asc" }, select: { seq: true, type: true, nodeId: true } });
  const steps = await getDb().nodeRun.findMany({ where: { executionId, kind: "node" }, select: { nodeId: true, status: true, output: true } });
  return { events, steps };
}

describe("a webhook of a pure workflow", () => {
  it("runs whole in the request once its secret is known, stored by one statement like any run", async () => {
    const hook = await publishedWebhook(pureGraph("{{ nodes.shape.output.n }}"));
    const first = await fireWebhook({ triggerId: hook.triggerId, secret: hook.secret, input: { body: { n: 1 } }, waitMs: 10_000 });
    expect(first.finished).toMatchObject({ status: "completed", output: { echo: 1 } });
    const second = await fireWebhook({ triggerId: hook.triggerId, secret: hook.secret, input: { body: { n: 2 } }, waitMs: 10_000 });
    expect(second.execution.status).toBe("completed"); // ended before the answer
    expect(second.finished).toMatchObject({ status: "completed", output: { echo: 2 } });

    // Both runs are stored alike: the same events in the same order, one step per node.
    const [a, b] = [await storedRun(first.execution.id), await storedRun(second.execution.id)];
    expect(b.events.map((event) => [event.seq, event.type, event.nodeId])).toEqual(a.events.map((event) => [event.seq, event.type, event.nodeId]));
    expect(b.events[0]).toMatchObject({ seq: 1, type: "execution.started" });
    expect(b.events.at(-1)).toMatchObject({ type: "execution.completed" });
    expect(b.steps.map((step) => step.nodeId).sort()).toEqual(["hook", "out", "shape"]);
    expect(b.steps.find((step) => step.nodeId === "shape")).toMatchObject({ status: "completed", output: { n: 2 } });
    const execution = await getDb().execution.findUniqueOrThrow({ where: { id: second.execution.id } });
    expect(execution).toMatchObject({ status: "completed", trigger: "webhook", triggerNodeId: "hook", output: { echo: 2 }, leaseOwner: null });
    expect(execution.finishedAt).not.toBeNull();
    // Without ?wait the caller gets the 202 summary; the run is stored all the same.
    const quiet = await fireWebhook({ triggerId: hook.triggerId, secret: hook.secret, input: { body: { n: 3 } } });
    expect(quiet.finished).toBeNull();
    await expect(waitForExecutionEnd(quiet.execution.id, { timeoutMs: 5_000 })).resolves.toMatchObject({ status: "completed", output: { echo: 3 } });
  });

  it("runs the version published since, not the one it ran before", async () => {
    const hook = await publishedWebhook(pureGraph("{{ nodes.shape.output.n }}"));
    await fireWebhook({ triggerId: hook.triggerId, secret: hook.secret, input: { body: { n: 1 } }, waitMs: 10_000 });
    const draft = await getDb().workflow.findUniqueOrThrow({ where: { id: hook.workflow.id } });
    await updateWorkflow(hook.actor, { workflowId: hook.workflow.id, changes: { graph: pureGraph("v2 {{ nodes.shape.output.n }}"), baseRevision: draft.draftRevision } });
    await publishWorkflow(hook.actor, { workflowId: hook.workflow.id });
    for (const n of [4, 5]) {
      const run = await fireWebhook({ triggerId: hook.triggerId, secret: hook.secret, input: { body: { n } }, waitMs: 10_000 });
      expect(run.finished).toMatchObject({ status: "completed", output: { echo: `v2 ${n}` } });
    }

  });

  it("40 calls at once: every run stored once, whole, with its own output", async () => {
    const hook = await publishedWebhook(pureGraph("{{ nodes.shape.output.n }}"));
    await fireWebhook({ triggerId: hook.triggerId, secret: hook.secret, input: { body: { n: -1 } }, waitMs: 10_000 });
    const runs = await Promise.all(Array.from({ length: 40 }, (_, n) => fireWebhook({ triggerId: hook.triggerId, secret: hook.secret, input: { body: { n } }, waitMs: 10_000 })));
    runs.forEach((run, n) => expect(run.finished).toMatchObject({ status: "completed", output: { echo: n } }));
    expect(new Set(runs.map((run) => run.execution.id)).size).toBe(40);
    for (const run of runs) {
      const { events, steps } = await storedRun(run.execution.id);
      expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));
      expect(events.filter((event) => event.type === "node.completed")).toHaveLength(3);
      expect(steps).toHaveLength(3);
    }
  });
});
