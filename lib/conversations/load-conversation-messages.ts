import { getDb } from "@/lib/db";
import type { MemoryMessage } from "@/lib/engine/types";

/** The last `maxMessages` messages of a workspace's conversation, oldest first (an agent's memory). */
export async function loadConversationMessages({ workspaceId, key, maxMessages }: { workspaceId: string; key: string; maxMessages: number }): Promise<MemoryMessage[]> {
  const rows = await getDb().conversationMessage.findMany({
    where: { conversation: { workspaceId, key } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: maxMessages,
    select: { role: true, content: true },
  });
  // A window that starts with an answer would show the model a reply to nothing.
  const messages = rows.reverse().map((row) => ({ role: row.role === "assistant" ? ("assistant" as const) : ("user" as const), content: row.content }));
  while (messages[0]?.role === "assistant") messages.shift();
  return messages;
}
