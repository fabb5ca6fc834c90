import { activityActor, assertCan, type Actor } from "@/lib/auth/actor";
import { recordActivity } from "@/lib/activity/record-activity";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import type { Prisma } from "@/lib/generated/prisma/client";
import { WorkflowGraphSchema } from "@/lib/schemas/workflow";
import { syncTriggers } from "@/lib/triggers/sync-triggers";

/** Makes an earlier version the active one again and restores it as the draft. */
export async function rollbackWorkflow(actor: Actor, { workflowId, version }: { workflowId: string; version: number }) {
  assertCan(actor, "workflows.write");
  return getDb().$transaction(async (tx) => {
    const workflow = await tx.workflow.findFirst({ where: { id: workflowId, workspaceId: actor.workspaceId }, select: { id: true } });
    if (!workflow) throw new AppError("not_found", "Workflow not found.");
    const snapshot = await tx.workflowVersion.findUnique({ where: { workflowId_version: { workflowId, version } }, select: { graph: true } });
    if (!snapshot) throw new AppError("not_found", `Version ${version} does not exist.`);
    const graph = WorkflowGraphSchema.parse(snapshot.graph);
    const updated = await tx.workflow.update({
      where: { id: workflowId },
      data: { activeVersion: version, graph: graph as Prisma.InputJsonObject, draftRevision: { increment: 1 } },
      select: { activeVersion: true, draftRevision: true },
    });
    await syncTriggers(tx, { workspaceId: actor.workspaceId, workflowId, graph });
    await recordActivity({ workspaceId: actor.workspaceId, actor: activityActor(actor), action: "workflow.rolled_back", targetType: "workflow", targetId: workflowId, data: { version } }, { tx });
    return updated;
  });
}
