import type { KnowledgeBase } from "@/lib/generated/prisma/client";

/** A knowledge base as the API shows it, with its document and chunk counts. */
export function knowledgeBaseView(row: KnowledgeBase & { _count: { documents: number; chunks: number } }) {
  return {
    id: row.id, name: row.name, description: row.description, embeddingCredentialId: row.embeddingCredentialId, embeddingModel: row.embeddingModel, embeddingDimensions: row.embeddingDimensions,
    language: row.language, chunkTokens: row.chunkTokens, chunkOverlap: row.chunkOverlap, documentCount: row._count.documents, chunkCount: row._count.chunks, createdAt: row.createdAt, updatedAt: row.updatedAt,
  };
}

export const KNOWLEDGE_DOCUMENT_SELECT = {
  id: true, knowledgeBaseId: true, name: true, sourceType: true, sourceUrl: true, mimeType: true, sizeBytes: true, metadata: true, status: true, stage: true, progress: true,
  error: true, chunkCount: true, embeddedCount: true, createdAt: true, updatedAt: true, ingestedAt: true,
} as const;
