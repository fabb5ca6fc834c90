import { activityActor, assertCan, type Actor } from "@/lib/auth/actor";
import type { Role } from "@/lib/auth/roles";
import { recordActivity } from "@/lib/activity/record-activity";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { lockOwners } from "@/lib/members/lock-owners";

/**
 * Admins change editors, viewers and admins; only an owner makes or unmakes owners; the last
 * owner cannot be demoted (transfer ownership first).
 */
export async function changeMemberRole(actor: Actor, { userId, role }: { userId: string; role: Role }) {
  assertCan(actor, "members.manage");
  return getDb().$transaction(async (tx) => {
    const owners = await lockOwners(tx, actor.workspaceId);
    const target = await tx.membership.findUnique({ where: { workspaceId_userId: { workspaceId: actor.workspaceId, userId } } });
    if (!target) throw new AppError("not_found", "That user is not a member of this workspace.");
    if ((role === "owner" || target.role === "owner") && actor.role !== "owner") {
      throw new AppError("forbidden", "Only an owner can grant or change the owner role.");
    }
    if (target.role === "owner" && role !== "owner" && owners.length <= 1) {
      throw new AppError("conflict", "The last owner cannot be demoted. Transfer ownership first.");
    }
    if (target.role === role) return { userId, role };
    await tx.membership.update({ where: { id: target.id }, data: { role } });
    await recordActivity(
      { workspaceId: actor.workspaceId, actor: activityActor(actor), action: "member.role_changed", targetType: "user", targetId: userId, data: { from: target.role, to: role } },
      { tx },
    );
    return { userId, role };
  });
}
