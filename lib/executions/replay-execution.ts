import { activityActor, assertCan, type Actor } from "@/lib/auth/actor";
import { recordActivity } from "@/lib/activity/record-activity";
import { getDb } from "@/lib/db";
import { getEnv, selectDrivers } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import { Prisma } from "@/lib/generated/prisma/client";
import { enqueueExecution } from "@/lib/jobs/enqueue-execution";
import { hasEnded } from "@/lib/schemas/execution";
import { WorkflowGraphSchema, type WorkflowGraph } from "@/lib/schemas/workflow";
import { publishWorkflow } from "@/lib/workflows/publish-workflow";

const json = (value: unknown) => (value === null || value === undefined ? Prisma.DbNull : (value as Prisma.InputJsonValue));

/** The node and everything reachable from it (loop back edges included: a loop around it runs again). */
function downstreamOf(graph: WorkflowGraph, nodeId: string): Set<string> {
  const found = new Set([nodeId]);
  const queue = [nodeId];
  while (queue.length) {
    const id = queue.shift()!;
    for (const edge of graph.edges) {
      if (edge.source !== id || found.has(edge.target)) continue;
      found.add(edge.target);
      queue.push(edge.target);
    }
  }
  return found;
}

/**
 * "Replay from a node": a new execution of the current draft (published first when it differs
 * from the active version, like the editor's Run) with the same input, trigger and budget, whose
 * steps for every node that is neither `fromNodeId` nor after it are copied from the ended
 * execution's completed NodeRun rows before it is queued. The local driver never runs a step it
 * finds completed, so those nodes hand back their recorded outputs and only the chosen node and
 * its descendants run. Inngest keeps its own step memo, so the replay is refused there (409).
 */
export async function replayExecution(actor: Actor, { executionId, fromNodeId }: { executionId: string; fromNodeId: string }) {
  assertCan(actor, "executions.run");
  const db = getDb();
  const source = await db.execution.findFirst({
    where: { id: executionId, workspaceId: actor.workspaceId },
    select: { id: true, workflowId: true, status: true, input: true, budget: true, triggerNodeId: true },
  });
  if (!source) throw new AppError("not_found", "Execution not found.");
  if (!hasEnded(source.status)) throw new AppError("conflict", "The execution is still running: replay it once it has ended.");
  if (selectDrivers(getEnv()).jobs === "inngest") {
    throw new AppError("conflict", "Replay from a node needs the local job driver: Inngest keeps its own record of completed steps, which cannot be seeded. Retry the execution or run the workflow instead.");
  }
  const workflow = await db.workflow.findFirst({ where: { id: source.workflowId, workspaceId: actor.workspaceId }, select: { id: true, graph: true, activeVersion: true } });
  if (!workflow) throw new AppError("not_found", "Workflow not found.");
  const draft = WorkflowGraphSchema.parse(workflow.graph);
  if (!draft.nodes.some((node) => node.id === fromNodeId)) {
    throw new AppError("unprocessable", `The current draft has no node "${fromNodeId}".`, { errors: [{ path: "body.fromNodeId", message: `No node "${fromNodeId}" in the current draft.`, nodeId: fromNodeId }] });
  }

  // The draft as a version: the active one when nothing changed, else published now (422 if invalid).
  const active = workflow.activeVersion ? await db.workflowVersion.findUnique({ where: { workflowId_version: { workflowId: workflow.id, version: workflow.activeVersion } }, select: { id: true, version: true, graph: true } }) : null;
  const sameAsDraft = active && JSON.stringify(WorkflowGraphSchema.parse(active.graph)) === JSON.stringify(draft);
  const version = sameAsDraft ? active : await publishWorkflow(actor, { workflowId: workflow.id, note: `Replay from ${fromNodeId}` }).then((created) => ({ id: created.id, version: created.version }));

  const rerun = downstreamOf(draft, fromNodeId);
  const reusedNodeIds = draft.nodes.map((node) => node.id).filter((id) => !rerun.has(id));
  const steps = reusedNodeIds.length
    ? await db.nodeRun.findMany({
        where: { executionId: source.id, status: "completed", nodeId: { in: reusedNodeIds } },
        select: { key: true, nodeId: true, kind: true, input: true, output: true, result: true, attempts: true, model: true, startedAt: true, finishedAt: true },
      })
    : [];
  const triggerNodeId = source.triggerNodeId && draft.nodes.some((node) => node.id === source.triggerNodeId) ? source.triggerNodeId : undefined;

  const execution = await db.$transaction(async (tx) => {
    const created = await tx.execution.create({
      data: {
        workspaceId: actor.workspaceId,
        workflowId: workflow.id,
        versionId: version.id,
        version: version.version,
        trigger: actor.kind === "api_key" ? "api" : "manual",
        triggerNodeId,
        input: (source.input ?? {}) as Prisma.InputJsonObject,
        budget: json(source.budget),
        createdById: actor.userId,
        replayOfId: source.id,
        replayFromNodeId: fromNodeId,
      },
      select: { id: true, status: true, version: true },
    });
    // Seeded in the same transaction as the execution: no worker can claim it before its steps exist.
    await tx.nodeRun.createMany({
      data: steps.map((step) => {
        // The replay did not spend what the reused nodes cost: their usage is not counted again.
        const result = step.kind === "node" && step.result && typeof step.result === "object" && !Array.isArray(step.result) ? { ...(step.result as Record<string, unknown>), usage: undefined } : step.result;
        return {
          executionId: created.id,
          key: step.key,
          nodeId: step.nodeId,
          kind: step.kind,
          status: "completed" as const,
          input: json(step.input),
          output: json(step.output),
          result: json(result === null ? null : JSON.parse(JSON.stringify(result))),
          attempts: step.attempts,
          model: step.model,
          reused: true,
          startedAt: step.startedAt,
          finishedAt: step.finishedAt,
        };
      }),
    });
    await recordActivity(
      { workspaceId: actor.workspaceId, actor: activityActor(actor), action: "execution.started", targetType: "execution", targetId: created.id, data: { workflowId: workflow.id, version: version.version, replayOf: source.id, fromNodeId } },
      { tx },
    );
    return created;
  });
  await enqueueExecution(execution.id);
  return { ...execution, replayOf: source.id, fromNodeId, reusedNodeIds: [...new Set(steps.filter((step) => step.kind === "node").map((step) => step.nodeId))] };
}
