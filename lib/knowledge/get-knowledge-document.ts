import { assertCan, type Actor } from "@/lib/auth/actor";
import { getDb, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { KNOWLEDGE_DOCUMENT_SELECT } from "@/lib/knowledge/knowledge-base-view";

/** One document (status, progress, error) of a knowledge base of the actor's workspace. */
export async function getKnowledgeDocument(actor: Actor, { knowledgeBaseId, documentId, tx }: { knowledgeBaseId: string; documentId: string; tx?: Tx }) {
  assertCan(actor, "knowledge.read");
  const row = await (tx ?? getDb()).knowledgeDocument.findFirst({ where: { id: documentId, knowledgeBaseId, workspaceId: actor.workspaceId }, select: KNOWLEDGE_DOCUMENT_SELECT });
  if (!row) throw new AppError("not_found", "Document not found.");
  return row;
}
