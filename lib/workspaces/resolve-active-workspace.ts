import type { Actor } from "@/lib/auth/actor";
import { requireMember } from "@/lib/auth/require-member";
import type { SessionUser } from "@/lib/auth/get-session-user";
import { getDb } from "@/lib/db";
import { ensurePersonalWorkspace } from "@/lib/workspaces/ensure-personal-workspace";

/**
 * The workspace a signed-in user acts in: the one asked for (X-Agentry-Workspace), else the
 * remembered one while still a member, else their oldest membership, else a new personal one.
 */
export async function resolveActiveWorkspace(user: SessionUser, requestedWorkspaceId?: string | null): Promise<Actor> {
  if (requestedWorkspaceId) return requireMember({ workspaceId: requestedWorkspaceId, userId: user.id, minRole: "viewer" });
  const db = getDb();
  if (user.activeWorkspaceId) {
    const membership = await db.membership.findUnique({
      where: { workspaceId_userId: { workspaceId: user.activeWorkspaceId, userId: user.id } },
      select: { role: true },
    });
    if (membership) return { kind: "user", userId: user.id, apiKeyId: null, workspaceId: user.activeWorkspaceId, role: membership.role };
  }
  const workspaceId = await ensurePersonalWorkspace({ userId: user.id, email: user.email, name: user.name });
  await db.user.update({ where: { id: user.id }, data: { activeWorkspaceId: workspaceId } });
  return requireMember({ workspaceId, userId: user.id, minRole: "viewer" });
}
