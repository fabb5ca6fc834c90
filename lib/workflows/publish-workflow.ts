import { activityActor, assertCan, type Actor } from "@/lib/auth/actor";
import { recordActivity } from "@/lib/activity/record-activity";
import { getDb } from "@/lib/db";
import { validateGraph, type GraphIssue } from "@/lib/engine/validate-graph";
import { AppError, type FieldError } from "@/lib/errors/app-error";
import type { Prisma } from "@/lib/generated/prisma/client";
import { WorkflowGraphSchema, type WorkflowGraph } from "@/lib/schemas/workflow";
import { syncTriggers } from "@/lib/triggers/sync-triggers";

export function graphIssuesToFieldErrors(graph: WorkflowGraph, issues: GraphIssue[]): FieldError[] {
  return issues.map((issue) => {
    const nodeIndex = issue.nodeId ? graph.nodes.findIndex((node) => node.id === issue.nodeId) : -1;
    const edgeIndex = issue.edgeId ? graph.edges.findIndex((edge) => edge.id === issue.edgeId) : -1;
    const base = nodeIndex >= 0 ? `graph.nodes.${nodeIndex}` : edgeIndex >= 0 ? `graph.edges.${edgeIndex}` : "graph";
    const path = issue.path && nodeIndex >= 0 ? `${base}.data.${issue.path}` : base;
    return { path, message: issue.message, ...(issue.nodeId ? { nodeId: issue.nodeId } : {}), ...(issue.edgeId ? { edgeId: issue.edgeId } : {}) };
  });
}

/** Throws 422 with one error per problem (tied to its node or edge) unless the graph can run. */
export function assertRunnableGraph(graph: WorkflowGraph): void {
  const issues = validateGraph(graph);
  if (issues.length) throw new AppError("unprocessable", `The workflow has ${issues.length} problem${issues.length === 1 ? "" : "s"} to fix before it can run.`, { errors: graphIssuesToFieldErrors(graph, issues) });
}

/** Snapshots the draft as the next immutable version and makes it the active one. */
export async function publishWorkflow(actor: Actor, { workflowId, note = "" }: { workflowId: string; note?: string }) {
  assertCan(actor, "workflows.write");
  return getDb().$transaction(async (tx) => {
    const workflow = await tx.workflow.findFirst({ where: { id: workflowId, workspaceId: actor.workspaceId }, select: { id: true, graph: true } });
    if (!workflow) throw new AppError("not_found", "Workflow not found.");
    const graph = WorkflowGraphSchema.parse(workflow.graph);
    assertRunnableGraph(graph);
    const latest = await tx.workflowVersion.findFirst({ where: { workflowId }, orderBy: { version: "desc" }, select: { version: true } });
    const version = (latest?.version ?? 0) + 1;
    const created = await tx.workflowVersion.create({
      data: { workflowId, version, graph: graph as Prisma.InputJsonObject, note, createdById: actor.userId },
      select: { id: true, version: true, note: true, createdAt: true },
    });
    await tx.workflow.update({ where: { id: workflowId }, data: { activeVersion: version } });
    await syncTriggers(tx, { workspaceId: actor.workspaceId, workflowId, graph });
    await recordActivity({ workspaceId: actor.workspaceId, actor: activityActor(actor), action: "workflow.published", targetType: "workflow", targetId: workflowId, data: { version } }, { tx });
    return created;
  });
}
