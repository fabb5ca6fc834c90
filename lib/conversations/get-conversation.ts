import { assertCan, type Actor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";

/** One conversation with its messages, oldest first. */
export async function getConversation(actor: Actor, { conversationId }: { conversationId: string }) {
  assertCan(actor, "workflows.read");
  const conversation = await getDb().conversation.findFirst({
    where: { id: conversationId, workspaceId: actor.workspaceId },
    select: {
      id: true, key: true, createdAt: true, updatedAt: true,
      messages: { orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { id: true, role: true, content: true, executionId: true, createdAt: true } },
    },
  });
  if (!conversation) throw new AppError("not_found", "Conversation not found.");
  return conversation;
}
