import { activityActor, assertCan, type Actor } from "@/lib/auth/actor";
import { recordActivity } from "@/lib/activity/record-activity";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";

export async function revokeInvitation(actor: Actor, { invitationId }: { invitationId: string }) {
  assertCan(actor, "invitations.manage");
  await getDb().$transaction(async (tx) => {
    const invitation = await tx.invitation.findFirst({ where: { id: invitationId, workspaceId: actor.workspaceId } });
    if (!invitation) throw new AppError("not_found", "Invitation not found.");
    if (invitation.acceptedAt) throw new AppError("conflict", "This invitation was already accepted; remove the member instead.");
    if (invitation.revokedAt) return;
    await tx.invitation.update({ where: { id: invitation.id }, data: { revokedAt: new Date() } });
    await recordActivity(
      { workspaceId: actor.workspaceId, actor: activityActor(actor), action: "invitation.revoked", targetType: "invitation", targetId: invitation.id, data: { email: invitation.email } },
      { tx },
    );
  });
}
