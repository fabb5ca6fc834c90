import { hashToken } from "@/lib/auth/tokens";
import { getDb } from "@/lib/db";
import type { Role } from "@/lib/auth/roles";

export type InvitationLookup =
  | { status: "not_found" }
  | { status: "pending" | "expired" | "revoked" | "accepted"; email: string; role: Role; workspaceName: string; inviterName: string | null };

/** What the /invite/<token> page shows before anyone accepts. */
export async function inspectInvitation(token: string): Promise<InvitationLookup> {
  const invitation = await getDb().invitation.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      email: true,
      role: true,
      expiresAt: true,
      acceptedAt: true,
      revokedAt: true,
      workspace: { select: { name: true } },
      invitedBy: { select: { name: true, email: true } },
    },
  });
  if (!invitation) return { status: "not_found" };
  const status = invitation.acceptedAt ? "accepted" : invitation.revokedAt ? "revoked" : invitation.expiresAt <= new Date() ? "expired" : "pending";
  return {
    status,
    email: invitation.email,
    role: invitation.role,
    workspaceName: invitation.workspace.name,
    inviterName: invitation.invitedBy?.name || invitation.invitedBy?.email || null,
  };
}
