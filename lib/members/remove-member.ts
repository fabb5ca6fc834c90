import { activityActor, assertCan, type Actor } from "@/lib/auth/actor";
import { recordActivity } from "@/lib/activity/record-activity";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { lockOwners } from "@/lib/members/lock-owners";

/** Admins remove members; anyone may leave; owners are removed only by owners; never the last owner. */
export async function removeMember(actor: Actor, { userId }: { userId: string }) {
  const leaving = actor.userId === userId;
  if (!leaving) assertCan(actor, "members.manage");
  await getDb().$transaction(async (tx) => {
    const owners = await lockOwners(tx, actor.workspaceId);
    const target = await tx.membership.findUnique({ where: { workspaceId_userId: { workspaceId: actor.workspaceId, userId } } });
    if (!target) throw new AppError("not_found", "That user is not a member of this workspace.");
    if (target.role === "owner") {
      if (!leaving && actor.role !== "owner") throw new AppError("forbidden", "Only an owner can remove an owner.");
      if (owners.length <= 1) throw new AppError("conflict", "The last owner cannot leave. Transfer ownership or delete the workspace.");
    }
    await tx.membership.delete({ where: { id: target.id } });
    await tx.user.updateMany({ where: { id: userId, activeWorkspaceId: actor.workspaceId }, data: { activeWorkspaceId: null } });
    await recordActivity(
      { workspaceId: actor.workspaceId, actor: activityActor(actor), action: leaving ? "member.left" : "member.removed", targetType: "user", targetId: userId, data: { role: target.role } },
      { tx },
    );
  });
}
