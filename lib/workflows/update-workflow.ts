import { activityActor, assertCan, type Actor } from "@/lib/auth/actor";
import { recordActivity } from "@/lib/activity/record-activity";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { WorkflowGraph } from "@/lib/schemas/workflow";
import { WORKFLOW_SUMMARY } from "@/lib/workflows/create-workflow";

export async function updateWorkflow(
  actor: Actor,
  { workflowId, changes }: { workflowId: string; changes: { name?: string; description?: string; graph?: WorkflowGraph } },
) {
  assertCan(actor, "workflows.write");
  return getDb().$transaction(async (tx) => {
    const updated = await tx.workflow.updateMany({ where: { id: workflowId, workspaceId: actor.workspaceId }, data: { ...changes, graph: changes.graph as Prisma.InputJsonObject | undefined } });
    if (updated.count === 0) throw new AppError("not_found", "Workflow not found.");
    await recordActivity(
      { workspaceId: actor.workspaceId, actor: activityActor(actor), action: "workflow.updated", targetType: "workflow", targetId: workflowId, data: { fields: Object.keys(changes) } },
      { tx },
    );
    return tx.workflow.findUniqueOrThrow({ where: { id: workflowId }, select: { ...WORKFLOW_SUMMARY, graph: true } });
  });
}
