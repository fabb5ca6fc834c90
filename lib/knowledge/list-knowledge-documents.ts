import { assertCan, type Actor } from "@/lib/auth/actor";
import { getDb, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { KNOWLEDGE_DOCUMENT_SELECT } from "@/lib/knowledge/knowledge-base-view";

/** A knowledge base's documents, newest first, with status and progress. */
export async function listKnowledgeDocuments(actor: Actor, { knowledgeBaseId, tx }: { knowledgeBaseId: string; tx?: Tx }) {
  assertCan(actor, "knowledge.read");
  const db = tx ?? getDb();
  const knowledgeBase = await db.knowledgeBase.findFirst({ where: { id: knowledgeBaseId, workspaceId: actor.workspaceId }, select: { id: true } });
  if (!knowledgeBase) throw new AppError("not_found", "Knowledge base not found.");
  return db.knowledgeDocument.findMany({ where: { knowledgeBaseId, workspaceId: actor.workspaceId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: KNOWLEDGE_DOCUMENT_SELECT });
}
