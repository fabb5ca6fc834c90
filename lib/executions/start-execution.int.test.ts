import { afterAll, describe, expect, it } from "vitest";
import { workspaceActor } from "@/lib/auth/workspace-actor";
import { getDb } from "@/lib/db";
import { startExecution } from "@/lib/executions/start-execution";
import { waitForExecutionEnd } from "@/lib/executions/wait-for-execution-end";
import { getLocalWorker, LocalWorker } from "@/lib/jobs/local/local-worker";
import { createWorkflow } from "@/lib/workflows/create-workflow";
import { publishWorkflow } from "@/lib/workflows/publish-workflow";
import { createTeam } from "@/scripts/testing/fixtures";
import { gedge, ggraph, gnode } from "@/scripts/testing/workflow-fixtures";

// This file's worker: two slots, so that a few concurrent starts also take the claim path.
const holder = globalThis as unknown as { agentryLocalWorker?: LocalWorker };
holder.agentryLocalWorker = new LocalWorker({ concurrency: 2, pollMs: 50 });

afterAll(async () => {
  await getLocalWorker().stop({ graceMs: 5_000 });
});

/** webhook-less chain: manual → `transforms` transforms → output echoing input.n. */
async function publishedChain(transforms: number, extra: { delaySeconds?: number } = {}) {
  const { workspace } = await createTeam();
  const actor = workspaceActor(workspace.id, "owner");
  const steps = Array.from({ length: transforms }, (_, index) => gnode(`t${index}`, "data.transform", { mode: "fields", fields: { n: "{{ input.n }}" } }));
  const delay = extra.delaySeconds === undefined ? [] : [gnode("wait", "flow.delay", { seconds: extra.delaySeconds })];
  const chain = ["start", ...delay.map((node) => node.id), ...steps.map((step) => step.id), "out"];
  const graph = ggraph(
    [gnode("start", "trigger.manual"), ...delay, ...steps, gnode("out", "flow.output", { name: "echo", value: "{{ input.n }}" })],
    chain.slice(1).map((id, index) => gedge(chain[index]!, id)),
  );
  const workflow = await createWorkflow(actor, { name: `Chain ${transforms}`, description: "", graph });
  await publishWorkflow(actor, { workflowId: workflow.id });
  return { actor, workflow, nodeIds: chain };
}

async function eventsOf(executionId: string) {
  return getDb().executionEvent.findMany({ where: { executionId }, orderBy: { seq: "asc" }, select: { seq: true, type: true, nodeId: true } });
}

function expectOneRunOfEachNode(events: { seq: number; type: string; nodeId: string | null }[], nodeIds: string[]) {
  expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));
  expect(events[0]!.type).toBe("execution.started");
  expect(events.at(-1)!.type).toBe("execution.completed");
  for (const nodeId of nodeIds) {
    expect(events.filter((event) => event.nodeId === nodeId).map((event) => event.type)).toEqual(["node.started", "node.completed"]);
  }
}

describe("starting an execution on the local driver", () => {
  it("runs it at once in this process: leased and started by the statement that stores it, every step and event stored", async () => {
    const { actor, workflow, nodeIds } = await publishedChain(8);
    const started = await startExecution(actor, { workflowId: workflow.id, input: { n: 7 } });
    expect(started.status).toBe("running");
    // Stored with the execution: the first event is there as soon as the caller has the id.
    const first = await getDb().executionEvent.findFirst({ where: { executionId: started.id }, orderBy: { seq: "asc" } });
    expect(first).toMatchObject({ seq: 1, type: "execution.started" });
    const ended = await waitForExecutionEnd(started.id, { timeoutMs: 20_000 });
    expect(ended).toMatchObject({ status: "completed", output: { echo: 7 } });

    const stored = await getDb().execution.findUniqueOrThrow({ where: { id: started.id } });
    expect(stored).toMatchObject({ status: "completed", output: { echo: 7 }, leaseOwner: null });
    expectOneRunOfEachNode(await eventsOf(started.id), nodeIds);
    const steps = await getDb().nodeRun.findMany({ where: { executionId: started.id, kind: "node" }, select: { nodeId: true, status: true, output: true } });
    expect(steps.map((step) => step.nodeId).sort()).toEqual([...nodeIds].sort());
    expect(steps.every((step) => step.status === "completed")).toBe(true);
    expect(steps.find((step) => step.nodeId === "t3")!.output).toEqual({ n: 7 });
  });

  it("30 starts at once, more than the free slots: every run ends once, with a gap-free sequence", async () => {
    const { actor, workflow, nodeIds } = await publishedChain(3);
    const started = await Promise.all(Array.from({ length: 30 }, (_, n) => startExecution(actor, { workflowId: workflow.id, input: { n } })));
    expect(started.some((execution) => execution.status === "queued")).toBe(true); // some went through the claim loop
    const ended = await Promise.all(started.map((execution) => waitForExecutionEnd(execution.id, { timeoutMs: 60_000 })));
    ended.forEach((outcome, n) => expect(outcome).toMatchObject({ status: "completed", output: { echo: n } }));
    for (const execution of started) expectOneRunOfEachNode(await eventsOf(execution.id), nodeIds);
  });

  it("replays a run whose pure steps' events were stored without their step: they are not stored twice", async () => {
    const { actor, workflow, nodeIds } = await publishedChain(2);
    // As a crash would leave it: started, the first node's events stored, its step not, the lease gone.
    // One transaction: the worker's poll must not find the run (expired lease) before its events are in.
    const version = await getDb().workflowVersion.findFirstOrThrow({ where: { workflowId: workflow.id } });
    const execution = await getDb().$transaction(async (tx) => {
      const crashed = await tx.execution.create({
        data: { workspaceId: actor.workspaceId, workflowId: workflow.id, versionId: version.id, version: version.version, status: "running", input: { n: 3 }, startedAt: new Date(), leaseOwner: "local:dead", leaseExpiresAt: new Date(Date.now() - 1_000) },
      });
      await tx.nodeRun.create({ data: { executionId: crashed.id, key: "execution:started", nodeId: "", kind: "execution", status: "completed", attempts: 1, result: { startedAt: new Date().toISOString(), skip: false } } });
      await tx.executionEvent.createMany({
        data: [
          { executionId: crashed.id, seq: 1, type: "execution.started", data: {} },
          { executionId: crashed.id, seq: 2, type: "node.started", nodeId: "start", data: { key: "node:start" } },
          { executionId: crashed.id, seq: 3, type: "node.completed", nodeId: "start", data: { key: "node:start", output: { n: 3 } } },
        ],
      });
      return crashed;
    });
    getLocalWorker().kick();
    const ended = await waitForExecutionEnd(execution.id, { timeoutMs: 20_000 });
    expect(ended).toMatchObject({ status: "completed", output: { echo: 3 } });
    expectOneRunOfEachNode(await eventsOf(execution.id), nodeIds);
  });

  it("a sleeping run gives its slot to others while it waits", async () => {
    const sleeper = await publishedChain(0, { delaySeconds: 2 });
    const quick = await publishedChain(0);
    const sleeping = await Promise.all([0, 1].map((n) => startExecution(sleeper.actor, { workflowId: sleeper.workflow.id, input: { n } })));
    // Both slots now hold sleeping runs; these still run at once.
    await expect.poll(async () => (await getDb().nodeRun.count({ where: { executionId: { in: sleeping.map((run) => run.id) }, key: "node:wait:sleep:until" } })), { timeout: 10_000 }).toBe(2);
    const quickRuns = await Promise.all([0, 1, 2].map((n) => startExecution(quick.actor, { workflowId: quick.workflow.id, input: { n } })));
    const quickEnds = await Promise.all(quickRuns.map((run) => waitForExecutionEnd(run.id, { timeoutMs: 20_000 })));
    quickEnds.forEach((outcome) => expect(outcome?.status).toBe("completed"));
    const sleepers = await getDb().execution.findMany({ where: { id: { in: sleeping.map((run) => run.id) } }, select: { status: true } });
    expect(sleepers.every((run) => run.status === "running")).toBe(true); // still asleep when the quick ones ended
    const sleepEnds = await Promise.all(sleeping.map((run) => waitForExecutionEnd(run.id, { timeoutMs: 20_000 })));
    sleepEnds.forEach((outcome, n) => expect(outcome).toMatchObject({ status: "completed", output: { echo: n } }));
  });

  it("a parent waiting for its sub-workflow gives its slot to the child (two parents, two slots: no deadlock)", async () => {
    const child = await publishedChain(1);
    const graph = ggraph(
      [gnode("start", "trigger.manual"), gnode("call", "flow.sub-workflow", { workflowId: child.workflow.id, input: "{{ input }}" }), gnode("out", "flow.output", { name: "echo", value: "{{ nodes.call.output.echo }}" })],
      [gedge("start", "call"), gedge("call", "out")],
    );
    const parentWorkflow = await createWorkflow(child.actor, { name: "Parent", description: "", graph });
    await publishWorkflow(child.actor, { workflowId: parentWorkflow.id });
    const parents = await Promise.all([5, 6].map((n) => startExecution(child.actor, { workflowId: parentWorkflow.id, input: { n } })));
    const ended = await Promise.all(parents.map((run) => waitForExecutionEnd(run.id, { timeoutMs: 20_000 })));
    expect(ended).toMatchObject([{ status: "completed", output: { echo: 5 } }, { status: "completed", output: { echo: 6 } }]);
  });
});
