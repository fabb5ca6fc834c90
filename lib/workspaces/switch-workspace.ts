import { requireMember } from "@/lib/auth/require-member";
import { getDb } from "@/lib/db";

/** Makes `workspaceId` the user's active workspace (they must be a member). */
export async function switchWorkspace({ userId, workspaceId }: { userId: string; workspaceId: string }) {
  const actor = await requireMember({ workspaceId, userId, minRole: "viewer" });
  await getDb().user.update({ where: { id: userId }, data: { activeWorkspaceId: workspaceId } });
  return actor;
}
