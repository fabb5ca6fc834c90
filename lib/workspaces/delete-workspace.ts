import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordActivity } from "@/lib/activity/record-activity";
import { getDb } from "@/lib/db";

/** Owner only. Everything in the workspace goes with it; the deletion is logged without a workspace. */
export async function deleteWorkspace(actor: Actor) {
  assertCan(actor, "workspace.delete");
  await getDb().$transaction(async (tx) => {
    const workspace = await tx.workspace.delete({ where: { id: actor.workspaceId }, select: { id: true, name: true } });
    await recordActivity(
      { workspaceId: null, actor: { userId: actor.userId }, action: "workspace.deleted", targetType: "workspace", targetId: workspace.id, data: { name: workspace.name } },
      { tx },
    );
  });
}
