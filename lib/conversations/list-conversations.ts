import { assertCan, type Actor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";

/** The workspace's agent conversations, most recently active first, with their message counts. */
export async function listConversations(actor: Actor, { limit = 50, cursor }: { limit?: number; cursor?: string } = {}) {
  assertCan(actor, "workflows.read");
  const rows = await getDb().conversation.findMany({
    where: { workspaceId: actor.workspaceId },
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    select: { id: true, key: true, createdAt: true, updatedAt: true, _count: { select: { messages: true } } },
  });
  const items = rows.slice(0, limit).map(({ _count, ...row }) => ({ ...row, messageCount: _count.messages }));
  return { items, nextCursor: rows.length > limit ? items.at(-1)!.id : null };
}
