import { z } from "zod";

/** PostgreSQL text search configurations a knowledge base may use (all ship with PostgreSQL). */
export const KNOWLEDGE_LANGUAGES = ["english", "simple", "danish", "dutch", "finnish", "french", "german", "hungarian", "italian", "norwegian", "portuguese", "romanian", "russian", "spanish", "swedish", "turkish"] as const;
export const KNOWLEDGE_MAX_FILE_BYTES = 20 * 1024 * 1024;
export const KNOWLEDGE_DOCUMENT_STATUSES = ["queued", "processing", "ready", "failed"] as const;
export const KNOWLEDGE_SEARCH_MODES = ["auto", "hybrid", "fulltext", "vector"] as const;

const nameSchema = z.string().trim().min(1, "Name the knowledge base.").max(120);

/** Embeddings: a model credential (openai or openai-compatible), a model and its vector size. */
const embeddingFields = {
  embeddingCredentialId: z.string().min(1).nullable().optional(),
  embeddingModel: z.string().trim().min(1).max(200).nullable().optional(),
  embeddingDimensions: z.number().int().min(2).max(2000).nullable().optional(),
};

export const createKnowledgeBaseSchema = z
  .object({
    name: nameSchema,
    description: z.string().max(2000).default(""),
    ...embeddingFields,
    language: z.enum(KNOWLEDGE_LANGUAGES).default("english"),
    chunkTokens: z.number().int().min(50).max(4000).default(400),
    chunkOverlap: z.number().int().min(0).max(1000).default(60),
  })
  .superRefine((value, context) => {
    if (value.chunkOverlap >= value.chunkTokens) context.addIssue({ code: "custom", path: ["chunkOverlap"], message: "The overlap must be smaller than the chunk size." });
    const parts = [value.embeddingCredentialId, value.embeddingModel, value.embeddingDimensions];
    if (parts.some((part) => part != null) && parts.some((part) => part == null)) {
      context.addIssue({ code: "custom", path: ["embeddingCredentialId"], message: "Embeddings need a credential, a model and the number of dimensions (or none of them for full-text search only)." });
    }
  });
export type CreateKnowledgeBaseInput = z.infer<typeof createKnowledgeBaseSchema>;

/**
 * Name, description, and the credential that reaches the same embedding model (e.g. after the old
 * one was deleted). Changing the model or the chunking means a new knowledge base.
 */
export const updateKnowledgeBaseSchema = z.object({
  name: nameSchema.optional(),
  description: z.string().max(2000).optional(),
  embeddingCredentialId: z.string().min(1).optional().meta({ description: "Another OpenAI or OpenAI-compatible credential for the same embedding model; the model and dimensions stay" }),
});

const metadataSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).default({});

/** JSON form of "add a document": a URL to fetch, or pasted text (files come as multipart/form-data). */
export const addKnowledgeDocumentSchema = z.union([
  z.object({ url: z.string().trim().min(1).max(2000), name: z.string().trim().min(1).max(300).optional(), metadata: metadataSchema }),
  z.object({ text: z.string().min(1, "Paste some text.").max(200_000, "Paste at most 200,000 characters; upload longer text as a .txt file."), name: z.string().trim().min(1).max(300).default("Pasted text"), metadata: metadataSchema }),
]);
export type AddKnowledgeDocumentInput = z.infer<typeof addKnowledgeDocumentSchema>;

export const searchKnowledgeBaseSchema = z.object({
  query: z.string().trim().min(1, "Enter a query.").max(2000),
  topK: z.number().int().min(1).max(50).default(5),
  /** 0..1: the method's own score (full-text rank, cosine similarity, or fused score). */
  minScore: z.number().min(0).max(1).default(0),
  documentIds: z.array(z.string()).max(100).optional(),
  /** Documents whose metadata contains all these pairs. */
  metadata: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
  mode: z.enum(KNOWLEDGE_SEARCH_MODES).default("auto"),
});
export type SearchKnowledgeBaseInput = z.input<typeof searchKnowledgeBaseSchema>;

export const KnowledgeBaseSchema = z
  .object({
    id: z.string(), name: z.string(), description: z.string(), embeddingCredentialId: z.string().nullable(), embeddingModel: z.string().nullable(), embeddingDimensions: z.number().int().nullable(),
    language: z.string(), chunkTokens: z.number().int(), chunkOverlap: z.number().int(), documentCount: z.number().int(), chunkCount: z.number().int(), createdAt: z.iso.datetime(), updatedAt: z.iso.datetime(),
  })
  .meta({ id: "KnowledgeBase" });

export const KnowledgeDocumentSchema = z
  .object({
    id: z.string(), knowledgeBaseId: z.string(), name: z.string(), sourceType: z.enum(["upload", "url", "text"]), sourceUrl: z.string().nullable(), mimeType: z.string(), sizeBytes: z.number().int(),
    metadata: z.record(z.string(), z.unknown()), status: z.enum(KNOWLEDGE_DOCUMENT_STATUSES), stage: z.string().nullable(), progress: z.number(), error: z.string().nullable(),
    chunkCount: z.number().int(), embeddedCount: z.number().int(), createdAt: z.iso.datetime(), updatedAt: z.iso.datetime(), ingestedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: "KnowledgeDocument" });

export const KnowledgeChunkSchema = z
  .object({ id: z.string(), position: z.number().int(), heading: z.string(), content: z.string(), tokenCount: z.number().int(), embedded: z.boolean() })
  .meta({ id: "KnowledgeChunk" });

export const KnowledgeSearchResultSchema = z
  .object({
    query: z.string(),
    mode: z.enum(["hybrid", "fulltext", "vector"]),
    results: z.array(
      z.object({
        chunkId: z.string(), documentId: z.string(), documentName: z.string(), sourceUrl: z.string().nullable(), position: z.number().int(), heading: z.string(), content: z.string(),
        score: z.number(), fulltextRank: z.number().int().nullable(), vectorRank: z.number().int().nullable(),
      }),
    ),
  })
  .meta({ id: "KnowledgeSearchResult" });

export const listKnowledgeChunksQuerySchema = z.object({ offset: z.coerce.number().int().min(0).default(0), limit: z.coerce.number().int().min(1).max(200).default(50) });
