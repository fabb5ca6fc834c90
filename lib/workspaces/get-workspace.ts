import { assertCan, type Actor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";

export async function getWorkspace(actor: Actor) {
  assertCan(actor, "workspace.read");
  const workspace = await getDb().workspace.findUnique({
    where: { id: actor.workspaceId },
    select: { id: true, name: true, createdAt: true, _count: { select: { memberships: true } } },
  });
  if (!workspace) throw new AppError("not_found", "Workspace not found.");
  return { id: workspace.id, name: workspace.name, createdAt: workspace.createdAt, memberCount: workspace._count.memberships, role: actor.role };
}
