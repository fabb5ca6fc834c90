import type { Metadata } from "next";
import { WorkspaceGeneral } from "@/components/settings/workspace-general";
import { requireStudioSession } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { listMembers } from "@/lib/members/list-members";
import { getWorkspace } from "@/lib/workspaces/get-workspace";

export const metadata: Metadata = { title: "Settings" };

export default async function GeneralSettingsPage() {
  const { user, actor } = await requireStudioSession();
  const [workspace, members] = await Promise.all([getWorkspace(actor), listMembers(actor)]);
  return (
    <WorkspaceGeneral
      workspace={{ id: workspace.id, name: workspace.name }}
      userId={user.id}
      canRename={can(actor.role, "workspace.rename")}
      isOwner={actor.role === "owner"}
      otherMembers={members.filter((member) => member.userId !== user.id).map(({ userId, email }) => ({ userId, email }))}
    />
  );
}
