import { activityActor, assertCan, type Actor } from "@/lib/auth/actor";
import { generateToken, hashToken } from "@/lib/auth/tokens";
import { recordActivity } from "@/lib/activity/record-activity";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import { INVITATION_SEND_LIMIT, toInvitationView } from "@/lib/invitations/create-invitation";
import { sendInvitationEmail } from "@/lib/invitations/send-invitation-email";
import { rateLimit } from "@/lib/kv/rate-limit";

/** Sends a pending (or expired) invitation again with a new token and a new expiry; the old link dies. */
export async function resendInvitation(actor: Actor, { invitationId, baseUrl }: { invitationId: string; baseUrl: string }) {
  assertCan(actor, "invitations.manage");
  await rateLimit("invitation-send", actor.workspaceId, INVITATION_SEND_LIMIT);
  const token = generateToken();
  const invitation = await getDb().$transaction(async (tx) => {
    const current = await tx.invitation.findFirst({ where: { id: invitationId, workspaceId: actor.workspaceId } });
    if (!current) throw new AppError("not_found", "Invitation not found.");
    if (current.acceptedAt || current.revokedAt) throw new AppError("conflict", `This invitation was already ${current.acceptedAt ? "accepted" : "revoked"}.`);
    const updated = await tx.invitation.update({
      where: { id: current.id },
      data: { tokenHash: hashToken(token), expiresAt: new Date(Date.now() + getEnv().INVITATION_TTL_DAYS * 86_400_000), lastSentAt: new Date() },
    });
    await recordActivity(
      { workspaceId: actor.workspaceId, actor: activityActor(actor), action: "invitation.resent", targetType: "invitation", targetId: current.id, data: { email: current.email } },
      { tx },
    );
    return updated;
  });
  await sendInvitationEmail({ invitationId: invitation.id, token, baseUrl });
  return toInvitationView(invitation);
}
