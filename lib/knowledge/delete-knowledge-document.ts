import { assertCan, type Actor } from "@/lib/auth/actor";
import { getDb, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";

/** Deletes a document and its chunks; a running ingestion of it stops at its next write. */
export async function deleteKnowledgeDocument(actor: Actor, { knowledgeBaseId, documentId, tx }: { knowledgeBaseId: string; documentId: string; tx?: Tx }) {
  assertCan(actor, "knowledge.write");
  const { count } = await (tx ?? getDb()).knowledgeDocument.deleteMany({ where: { id: documentId, knowledgeBaseId, workspaceId: actor.workspaceId } });
  if (!count) throw new AppError("not_found", "Document not found.");
}
