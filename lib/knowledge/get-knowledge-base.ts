import { assertCan, type Actor } from "@/lib/auth/actor";
import { getDb, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { knowledgeBaseView } from "@/lib/knowledge/knowledge-base-view";

/** One knowledge base of the actor's workspace (404 for another workspace's). */
export async function getKnowledgeBase(actor: Actor, { knowledgeBaseId, tx }: { knowledgeBaseId: string; tx?: Tx }) {
  assertCan(actor, "knowledge.read");
  const row = await (tx ?? getDb()).knowledgeBase.findFirst({ where: { id: knowledgeBaseId, workspaceId: actor.workspaceId }, include: { _count: { select: { documents: true, chunks: true } } } });
  if (!row) throw new AppError("not_found", "Knowledge base not found.");
  return knowledgeBaseView(row);
}
