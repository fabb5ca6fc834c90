import { activityActor, assertCan, type Actor } from "@/lib/auth/actor";
import { recordActivity } from "@/lib/activity/record-activity";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";

export async function deleteWorkflow(actor: Actor, { workflowId }: { workflowId: string }) {
  assertCan(actor, "workflows.write");
  await getDb().$transaction(async (tx) => {
    const deleted = await tx.workflow.deleteMany({ where: { id: workflowId, workspaceId: actor.workspaceId } });
    if (deleted.count === 0) throw new AppError("not_found", "Workflow not found.");
    await recordActivity(
      { workspaceId: actor.workspaceId, actor: activityActor(actor), action: "workflow.deleted", targetType: "workflow", targetId: workflowId },
      { tx },
    );
  });
}
