import { hasRole } from "@/lib/auth/roles";
import type { SessionUser } from "@/lib/auth/get-session-user";
import { hashToken } from "@/lib/auth/tokens";
import { recordActivity } from "@/lib/activity/record-activity";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";

/**
 * The signed-in user accepts: the invitation must be pending, unexpired and addressed to their
 * email. Single use: the conditional update lets exactly one concurrent accept through.
 */
export async function acceptInvitation({ token, user }: { token: string; user: SessionUser }) {
  return getDb().$transaction(async (tx) => {
    const invitation = await tx.invitation.findUnique({ where: { tokenHash: hashToken(token) } });
    if (!invitation) throw new AppError("not_found", "This invitation link is not valid. Ask for a new invitation.");
    if (invitation.acceptedAt) throw new AppError("conflict", "This invitation was already used.");
    if (invitation.revokedAt) throw new AppError("conflict", "This invitation was revoked.");
    if (invitation.expiresAt <= new Date()) throw new AppError("conflict", "This invitation has expired. Ask for a new one.");
    if (invitation.email.toLowerCase() !== user.email.toLowerCase()) {
      throw new AppError("forbidden", `This invitation is for ${invitation.email}, but you are signed in as ${user.email}.`);
    }
    const claimed = await tx.invitation.updateMany({
      where: { id: invitation.id, acceptedAt: null, revokedAt: null },
      data: { acceptedAt: new Date(), acceptedById: user.id },
    });
    if (claimed.count !== 1) throw new AppError("conflict", "This invitation was already used.");

    const existing = await tx.membership.findUnique({ where: { workspaceId_userId: { workspaceId: invitation.workspaceId, userId: user.id } } });
    if (!existing) {
      await tx.membership.create({ data: { workspaceId: invitation.workspaceId, userId: user.id, role: invitation.role } });
    } else if (!hasRole(existing.role, invitation.role)) {
      await tx.membership.update({ where: { id: existing.id }, data: { role: invitation.role } });
    }
    await tx.user.update({ where: { id: user.id }, data: { activeWorkspaceId: invitation.workspaceId } });
    await recordActivity(
      { workspaceId: invitation.workspaceId, actor: { userId: user.id }, action: "invitation.accepted", targetType: "invitation", targetId: invitation.id, data: { email: invitation.email, role: invitation.role } },
      { tx },
    );
    return { workspaceId: invitation.workspaceId, role: existing && hasRole(existing.role, invitation.role) ? existing.role : invitation.role };
  });
}
