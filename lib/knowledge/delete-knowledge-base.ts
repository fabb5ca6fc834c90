import { assertCan, type Actor } from "@/lib/auth/actor";
import { getDb, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";

/** Deletes a knowledge base with its documents and chunks (running ingestions stop at their next write). */
export async function deleteKnowledgeBase(actor: Actor, { knowledgeBaseId, tx }: { knowledgeBaseId: string; tx?: Tx }) {
  assertCan(actor, "knowledge.write");
  const { count } = await (tx ?? getDb()).knowledgeBase.deleteMany({ where: { id: knowledgeBaseId, workspaceId: actor.workspaceId } });
  if (!count) throw new AppError("not_found", "Knowledge base not found.");
}
