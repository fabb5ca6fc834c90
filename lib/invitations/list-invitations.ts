import { assertCan, type Actor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { toInvitationView } from "@/lib/invitations/create-invitation";

/** Invitations not yet accepted or revoked (expired ones included, so they can be resent). */
export async function listInvitations(actor: Actor) {
  assertCan(actor, "invitations.manage");
  const invitations = await getDb().invitation.findMany({
    where: { workspaceId: actor.workspaceId, acceptedAt: null, revokedAt: null },
    orderBy: { createdAt: "desc" },
  });
  return invitations.map(toInvitationView);
}
