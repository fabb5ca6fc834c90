import { hasRole, type Role } from "@/lib/auth/roles";
import { getDb, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import type { Actor } from "@/lib/auth/actor";

/**
 * The one membership guard: the user's role in the workspace, at least `minRole`.
 * Not a member → 404 (another workspace's existence is not revealed); role too low → 403.
 */
export async function requireMember(
  { workspaceId, userId, minRole }: { workspaceId: string; userId: string; minRole: Role },
  { tx }: { tx?: Tx } = {},
): Promise<Actor> {
  const membership = await (tx ?? getDb()).membership.findUnique({
    where: { workspaceId_userId: { workspaceId, userId } },
    select: { role: true },
  });
  if (!membership) throw new AppError("not_found", "Workspace not found.");
  if (!hasRole(membership.role, minRole)) {
    throw new AppError("forbidden", `This needs the ${minRole} role or higher; you are ${membership.role}.`);
  }
  return { kind: "user", userId, apiKeyId: null, workspaceId, role: membership.role };
}
