import { getDb } from "@/lib/db";
import type { MemoryMessage } from "@/lib/engine/types";

/** Adds an exchange to a workspace's conversation, creating the conversation on first use. */
export async function appendConversationMessages({ workspaceId, key, messages, executionId }: { workspaceId: string; key: string; messages: MemoryMessage[]; executionId?: string }) {
  const db = getDb();
  await db.$transaction(async (tx) => {
    const conversation = await tx.conversation.upsert({ where: { workspaceId_key: { workspaceId, key } }, create: { workspaceId, key }, update: { updatedAt: new Date() }, select: { id: true } });
    // One statement, with increasing timestamps, so the order survives equal clocks.
    const now = Date.now();
    await tx.conversationMessage.createMany({ data: messages.map((message, index) => ({ conversationId: conversation.id, role: message.role, content: message.content, executionId, createdAt: new Date(now + index) })) });
  });
}
