import { activityActor, assertCan, type Actor } from "@/lib/auth/actor";
import { recordActivity } from "@/lib/activity/record-activity";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";

/** The owner hands the workspace to another member and becomes an admin. */
export async function transferOwnership(actor: Actor, { userId }: { userId: string }) {
  assertCan(actor, "workspace.transfer");
  if (!actor.userId) throw new AppError("forbidden", "Only a signed-in owner can transfer ownership.");
  if (userId === actor.userId) throw new AppError("conflict", "You already own this workspace.");
  const fromUserId = actor.userId;
  await getDb().$transaction(async (tx) => {
    const target = await tx.membership.findUnique({ where: { workspaceId_userId: { workspaceId: actor.workspaceId, userId } } });
    if (!target) throw new AppError("not_found", "That user is not a member of this workspace.");
    await tx.membership.update({ where: { id: target.id }, data: { role: "owner" } });
    await tx.membership.update({ where: { workspaceId_userId: { workspaceId: actor.workspaceId, userId: fromUserId } }, data: { role: "admin" } });
    await recordActivity(
      { workspaceId: actor.workspaceId, actor: activityActor(actor), action: "workspace.ownership_transferred", targetType: "user", targetId: userId, data: { from: fromUserId, to: userId } },
      { tx },
    );
  });
}
