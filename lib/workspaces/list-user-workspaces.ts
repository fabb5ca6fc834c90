import { getDb, type Tx } from "@/lib/db";

/** The workspaces a user belongs to, with their role in each. */
export async function listUserWorkspaces(userId: string, { tx }: { tx?: Tx } = {}) {
  const memberships = await (tx ?? getDb()).membership.findMany({
    where: { userId },
    orderBy: { workspace: { name: "asc" } },
    select: { role: true, workspace: { select: { id: true, name: true, createdAt: true } } },
  });
  return memberships.map(({ role, workspace }) => ({ ...workspace, role }));
}
