import { activityActor, assertCan, type Actor } from "@/lib/auth/actor";
import { recordActivity } from "@/lib/activity/record-activity";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { WorkflowGraph } from "@/lib/schemas/workflow";
import { WORKFLOW_SUMMARY } from "@/lib/workflows/create-workflow";

/**
 * Saves draft changes. With `baseRevision`, only if nobody saved since that revision (another tab
 * or teammate): otherwise 409, and nothing is overwritten.
 */
export async function updateWorkflow(
  actor: Actor,
  { workflowId, changes }: { workflowId: string; changes: { name?: string; description?: string; graph?: WorkflowGraph; baseRevision?: number } },
) {
  assertCan(actor, "workflows.write");
  const { baseRevision, ...fields } = changes;
  return getDb().$transaction(async (tx) => {
    const updated = await tx.workflow.updateMany({
      where: { id: workflowId, workspaceId: actor.workspaceId, ...(baseRevision !== undefined ? { draftRevision: baseRevision } : {}) },
      data: { ...fields, graph: fields.graph as Prisma.InputJsonObject | undefined, draftRevision: { increment: 1 } },
    });
    if (updated.count === 0) {
      const current = await tx.workflow.findFirst({ where: { id: workflowId, workspaceId: actor.workspaceId }, select: { draftRevision: true } });
      if (!current) throw new AppError("not_found", "Workflow not found.");
      throw new AppError("conflict", `This workflow was changed elsewhere since you opened it (now at revision ${current.draftRevision}). Reload to see the latest version.`);
    }
    await recordActivity(
      { workspaceId: actor.workspaceId, actor: activityActor(actor), action: "workflow.updated", targetType: "workflow", targetId: workflowId, data: { fields: Object.keys(fields) } },
      { tx },
    );
    return tx.workflow.findUniqueOrThrow({ where: { id: workflowId }, select: { ...WORKFLOW_SUMMARY, graph: true } });
  });
}
