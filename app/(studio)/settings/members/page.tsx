import type { Metadata } from "next";
import { MembersPanel } from "@/components/settings/members-panel";
import { requireStudioSession } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { listInvitations } from "@/lib/invitations/list-invitations";
import { listMembers } from "@/lib/members/list-members";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage() {
  const { user, actor } = await requireStudioSession();
  const [members, invitations] = await Promise.all([
    listMembers(actor),
    can(actor.role, "invitations.manage") ? listInvitations(actor) : Promise.resolve(null),
  ]);
  return (
    <MembersPanel
      currentUserId={user.id}
      currentRole={actor.role}
      members={members.map((member) => ({ ...member, joinedAt: member.joinedAt.toISOString() }))}
      invitations={invitations?.map((invitation) => ({ ...invitation, expiresAt: invitation.expiresAt.toISOString() })) ?? null}
    />
  );
}
