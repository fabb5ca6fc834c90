import { assertCan, type Actor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { invalidCursor } from "@/lib/http/invalid-cursor";

/** The workspace's activity log, newest first, with cursor pagination (`{ items, nextCursor }`). */
export async function listActivity(actor: Actor, { limit = 50, cursor, action }: { limit?: number; cursor?: string; action?: string } = {}) {
  assertCan(actor, "activity.read");
  if (cursor && !(await getDb().activityLog.findFirst({ where: { id: cursor, workspaceId: actor.workspaceId }, select: { id: true } }))) throw invalidCursor();
  const rows = await getDb().activityLog.findMany({
    where: { workspaceId: actor.workspaceId, ...(action ? { action: { startsWith: action } } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    select: { id: true, action: true, targetType: true, targetId: true, data: true, createdAt: true, actorUserId: true, actorApiKeyId: true },
  });
  const items = rows.slice(0, limit);
  const userIds = [...new Set(items.map((row) => row.actorUserId).filter((id): id is string => !!id))];
  const users = await getDb().user.findMany({ where: { id: { in: userIds } }, select: { id: true, email: true } });
  const emails = new Map(users.map((user) => [user.id, user.email]));
  return {
    items: items.map((row) => ({ ...row, actorEmail: row.actorUserId ? (emails.get(row.actorUserId) ?? null) : null })),
    nextCursor: rows.length > limit ? items.at(-1)!.id : null,
  };
}
