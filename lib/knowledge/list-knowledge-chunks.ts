import { assertCan, type Actor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";

/** A document's chunks in order (what search cites), a page at a time. */
export async function listKnowledgeChunks(actor: Actor, { knowledgeBaseId, documentId, offset = 0, limit = 50 }: { knowledgeBaseId: string; documentId: string; offset?: number; limit?: number }) {
  assertCan(actor, "knowledge.read");
  const db = getDb();
  const document = await db.knowledgeDocument.findFirst({ where: { id: documentId, knowledgeBaseId, workspaceId: actor.workspaceId }, select: { id: true } });
  if (!document) throw new AppError("not_found", "Document not found.");
  const rows = await db.knowledgeChunk.findMany({ where: { documentId }, orderBy: { position: "asc" }, skip: offset, take: limit, select: { id: true, position: true, heading: true, content: true, tokenCount: true, embeddingDims: true } });
  return rows.map(({ embeddingDims, ...row }) => ({ ...row, embedded: embeddingDims !== null }));
}
