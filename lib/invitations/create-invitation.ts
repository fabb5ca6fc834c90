import { activityActor, assertCan, type Actor } from "@/lib/auth/actor";
import type { Role } from "@/lib/auth/roles";
import { generateToken, hashToken } from "@/lib/auth/tokens";
import { recordActivity } from "@/lib/activity/record-activity";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import { sendInvitationEmail } from "@/lib/invitations/send-invitation-email";
import { rateLimit } from "@/lib/kv/rate-limit";

export const INVITATION_SEND_LIMIT = { limit: 50, windowMs: 60 * 60 * 1000 };

/**
 * Invites `email` with `role` and emails a single-use link. The token is random, only its hash
 * is stored, and it expires (INVITATION_TTL_DAYS, 7 by default). Inviting the same email again
 * replaces the previous token, role and expiry.
 */
export async function createInvitation(actor: Actor, { email, role, baseUrl }: { email: string; role: Role; baseUrl: string }) {
  assertCan(actor, "invitations.manage");
  if (role === "owner") throw new AppError("bad_request", "Invite as admin, editor or viewer; ownership is transferred, not invited.");
  await rateLimit("invitation-send", actor.workspaceId, INVITATION_SEND_LIMIT);
  const db = getDb();
  const existingMember = await db.membership.findFirst({ where: { workspaceId: actor.workspaceId, user: { email } }, select: { id: true } });
  if (existingMember) throw new AppError("conflict", `${email} is already a member of this workspace.`);

  const token = generateToken();
  const expiresAt = new Date(Date.now() + getEnv().INVITATION_TTL_DAYS * 24 * 60 * 60 * 1000);
  const invitation = await db.$transaction(async (tx) => {
    const fresh = { role, tokenHash: hashToken(token), expiresAt, invitedById: actor.userId, acceptedAt: null, acceptedById: null, revokedAt: null, lastSentAt: new Date() };
    const saved = await tx.invitation.upsert({
      where: { workspaceId_email: { workspaceId: actor.workspaceId, email } },
      create: { workspaceId: actor.workspaceId, email, ...fresh },
      update: fresh,
    });
    await recordActivity(
      { workspaceId: actor.workspaceId, actor: activityActor(actor), action: "invitation.sent", targetType: "invitation", targetId: saved.id, data: { email, role } },
      { tx },
    );
    return saved;
  });
  await sendInvitationEmail({ invitationId: invitation.id, token, baseUrl });
  return toInvitationView(invitation);
}

export function toInvitationView(invitation: {
  id: string;
  email: string;
  role: Role;
  expiresAt: Date;
  lastSentAt: Date;
  createdAt: Date;
  acceptedAt: Date | null;
  revokedAt: Date | null;
}) {
  const status = invitation.acceptedAt ? "accepted" : invitation.revokedAt ? "revoked" : invitation.expiresAt <= new Date() ? "expired" : "pending";
  return {
    id: invitation.id,
    email: invitation.email,
    role: invitation.role,
    status,
    expiresAt: invitation.expiresAt,
    lastSentAt: invitation.lastSentAt,
    createdAt: invitation.createdAt,
  };
}
