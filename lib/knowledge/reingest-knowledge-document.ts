import { assertCan, type Actor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { enqueueIngestion } from "@/lib/knowledge/enqueue-ingestion";
import { KNOWLEDGE_DOCUMENT_SELECT } from "@/lib/knowledge/knowledge-base-view";

/**
 * Ingests a document again from its source (a URL is fetched again): a new generation, so a job
 * still running for the old one stops at its next write; the old chunks go at once.
 */
export async function reingestKnowledgeDocument(actor: Actor, { knowledgeBaseId, documentId }: { knowledgeBaseId: string; documentId: string }) {
  assertCan(actor, "knowledge.write");
  const db = getDb();
  const document = await db.$transaction(async (tx) => {
    const current = await tx.knowledgeDocument.findFirst({ where: { id: documentId, knowledgeBaseId, workspaceId: actor.workspaceId }, select: { id: true, sourceType: true } });
    if (!current) throw new AppError("not_found", "Document not found.");
    await tx.knowledgeChunk.deleteMany({ where: { documentId } });
    if (current.sourceType === "url") await tx.knowledgeDocumentFile.deleteMany({ where: { documentId } });
    return tx.knowledgeDocument.update({
      where: { id: documentId },
      data: { generation: { increment: 1 }, status: "queued", stage: null, progress: 0, error: null, chunkCount: 0, embeddedCount: 0, attempts: 0, leaseOwner: null, leaseExpiresAt: null, ingestedAt: null },
      select: KNOWLEDGE_DOCUMENT_SELECT,
    });
  });
  await enqueueIngestion(documentId);
  return document;
}
