import { assertCan, type Actor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";

export async function listMembers(actor: Actor) {
  assertCan(actor, "members.read");
  const memberships = await getDb().membership.findMany({
    where: { workspaceId: actor.workspaceId },
    orderBy: { createdAt: "asc" },
    select: { role: true, createdAt: true, user: { select: { id: true, email: true, name: true } } },
  });
  return memberships.map(({ role, createdAt, user }) => ({ userId: user.id, email: user.email, name: user.name, role, joinedAt: createdAt }));
}
