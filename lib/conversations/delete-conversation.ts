import { assertCan, type Actor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";

/** Forgets a conversation: its messages are deleted; an agent using its id starts afresh. */
export async function deleteConversation(actor: Actor, { conversationId }: { conversationId: string }) {
  assertCan(actor, "workflows.write");
  const { count } = await getDb().conversation.deleteMany({ where: { id: conversationId, workspaceId: actor.workspaceId } });
  if (!count) throw new AppError("not_found", "Conversation not found.");
}
