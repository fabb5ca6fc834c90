import { getDb, type Tx } from "@/lib/db";
import { createWorkspace } from "@/lib/workspaces/create-workspace";

/** Every user has somewhere to work: the first sign-in (or losing every membership) creates one. */
export async function ensurePersonalWorkspace(
  { userId, email, name }: { userId: string; email: string; name?: string | null },
  { tx }: { tx?: Tx } = {},
) {
  const db = tx ?? getDb();
  const existing = await db.membership.findFirst({ where: { userId }, orderBy: { createdAt: "asc" }, select: { workspaceId: true } });
  if (existing) return existing.workspaceId;
  const owner = name?.trim() || email.split("@")[0];
  const workspace = await createWorkspace({ name: `${owner}'s workspace`, ownerId: userId }, { tx });
  return workspace.id;
}
