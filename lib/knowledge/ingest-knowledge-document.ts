import crypto from "node:crypto";
import { getDb } from "@/lib/db";
import { isUserFacing, toUserFacingError } from "@/lib/jobs/internal-error";
import { chunkText } from "@/lib/knowledge/chunk-text";
import { extractDocumentText } from "@/lib/knowledge/extract-document-text";
import { fetchDocumentUrl } from "@/lib/knowledge/fetch-document-url";
import { resolveEmbedder } from "@/lib/knowledge/resolve-embedder";
import { sniffDocumentType, type DocumentMimeType } from "@/lib/knowledge/sniff-document-type";
import { ensureVectorIndex, hasVectorSupport, toVectorLiteral } from "@/lib/knowledge/vector-support";

/** The durable part the drivers provide: the local one runs `fn` (state lives in the rows), Inngest memoizes. */
export type IngestionSteps = { run<T>(key: string, fn: () => Promise<T>): Promise<T> };

export type IngestionOutcome = { status: "ready" | "failed" | "superseded" | "gone" | "retry"; error?: string };

const INSERT_BATCH = 500;
export const EMBED_BATCH = 64;
export const MAX_INGESTION_ATTEMPTS = 3;
/** Share of the progress bar for parsing and chunking; embedding fills the rest. */
const PARSED_PROGRESS = 0.1;

/** A re-ingest or delete replaced this job's generation: it stops without writing. */
class Superseded extends Error {}

/**
 * Ingests one document: parse → chunk (token-aware, overlap, headings) → embed → store. Each
 * stage's result is in the rows (chunks, their embeddings, the document's counters), so a job
 * that dies resumes where it stopped: chunks are not parsed again, and only chunks without an
 * embedding are embedded. Every write names the document's generation, so a job overtaken by a
 * re-ingest or a delete stops. Failures are the document's (status failed, the reason in
 * `error`); retryable ones (network, rate limits) are tried up to 3 times first.
 */
export async function ingestKnowledgeDocument({ documentId, steps, signal }: { documentId: string; steps: IngestionSteps; signal?: AbortSignal }): Promise<IngestionOutcome> {
  const db = getDb();
  const document = await db.knowledgeDocument.findUnique({ where: { id: documentId }, include: { knowledgeBase: true } });
  if (!document) return { status: "gone" };
  if (document.status === "ready" || document.status === "failed") return { status: document.status };
  const { generation, knowledgeBase } = document;
  try {
    await steps.run(`parse:${generation}`, async () => {
      if (document.stage === "embedding" || (document.chunkCount > 0 && document.stage !== "parsing")) return { chunkCount: document.chunkCount };
      return parseAndStore(document, signal);
    });
    // Without pgvector the knowledge base is searched by full-text alone: nothing to embed.
    const embedder = knowledgeBase.embeddingDimensions && (await hasVectorSupport()) ? await resolveEmbedder({ workspaceId: document.workspaceId, knowledgeBase }) : null;
    if (embedder) {
      await ensureVectorIndex(embedder.dimensions);
      for (let batch = 0; ; batch++) {
        const { remaining } = await steps.run(`embed:${generation}:${batch}`, () => embedNextBatch(document.id, generation, embedder, signal));
        if (remaining === 0) break;
      }
    }
    await steps.run(`ready:${generation}`, async () => {
      await guarded(document.id, generation, { status: "ready", stage: null, progress: 1, error: null, ingestedAt: new Date(), leaseOwner: null, leaseExpiresAt: null });
      return null;
    });
    return { status: "ready" };
  } catch (error) {
    if (error instanceof Superseded) return { status: "superseded" };
    const failure = toUserFacingError(error, { key: `knowledge-document:${documentId}` });
    const attempts = document.attempts + 1;
    const retryable = (failure as { retryable?: boolean }).retryable === true && !signal?.aborted;
    if (retryable && attempts < MAX_INGESTION_ATTEMPTS) {
      // Back in the queue after a pause; the stored stage and chunks let it resume.
      await db.knowledgeDocument.updateMany({
        where: { id: documentId, generation },
        data: { status: "queued", attempts, leaseOwner: null, leaseExpiresAt: new Date(Date.now() + 2000 * 2 ** attempts), error: failure.message },
      });
      return { status: "retry", error: failure.message };
    }
    await db.knowledgeDocument.updateMany({ where: { id: documentId, generation }, data: { status: "failed", attempts, error: failure.message, leaseOwner: null, leaseExpiresAt: null } });
    if (!isUserFacing(error)) console.error(`[agentry] ingesting knowledge document ${documentId} failed`, error);
    return { status: "failed", error: failure.message };
  }
}

type DocumentRow = { id: string; workspaceId: string; knowledgeBaseId: string; name: string; sourceType: string; sourceUrl: string | null; mimeType: string; generation: number; knowledgeBase: { language: string; chunkTokens: number; chunkOverlap: number } };

async function parseAndStore(document: DocumentRow, signal?: AbortSignal): Promise<{ chunkCount: number }> {
  const db = getDb();
  await guarded(document.id, document.generation, { status: "processing", stage: "parsing", progress: 0 });
  let file = await db.knowledgeDocumentFile.findUnique({ where: { documentId: document.id } });
  let mimeType = document.mimeType as DocumentMimeType;
  if (!file && document.sourceType === "url" && document.sourceUrl) {
    // Fetched once; the bytes are kept so a resumed job does not fetch again.
    const fetched = await fetchDocumentUrl(document.sourceUrl, signal);
    mimeType = sniffDocumentType(fetched.bytes, { name: new URL(fetched.finalUrl).pathname, declaredType: fetched.contentType });
    file = await db.knowledgeDocumentFile.upsert({ where: { documentId: document.id }, create: { documentId: document.id, bytes: new Uint8Array(fetched.bytes) }, update: { bytes: new Uint8Array(fetched.bytes) } });
    await guarded(document.id, document.generation, { mimeType, sizeBytes: fetched.bytes.length });
  }
  if (!file) throw new Superseded("the document's file is gone");
  const text = await extractDocumentText(file.bytes, mimeType);
  const chunks = chunkText(text, { chunkTokens: document.knowledgeBase.chunkTokens, overlap: document.knowledgeBase.chunkOverlap });
  const language = document.knowledgeBase.language;
  await db.$transaction(async (tx) => {
    const { count } = await tx.knowledgeDocument.updateMany({ where: { id: document.id, generation: document.generation }, data: { chunkCount: chunks.length, embeddedCount: 0, stage: "embedding", progress: PARSED_PROGRESS } });
    if (count === 0) throw new Superseded();
    await tx.knowledgeChunk.deleteMany({ where: { documentId: document.id } });
    for (let start = 0; start < chunks.length; start += INSERT_BATCH) {
      const batch = chunks.slice(start, start + INSERT_BATCH);
      await tx.$executeRaw`
        INSERT INTO "KnowledgeChunk" (id, "workspaceId", "knowledgeBaseId", "documentId", position, heading, content, "tokenCount", "searchVector")
        SELECT c.id, ${document.workspaceId}, ${document.knowledgeBaseId}, ${document.id}, c.position, c.heading, c.content, c.tokens,
               setweight(to_tsvector(${language}::regconfig, c.heading), 'A') || setweight(to_tsvector(${language}::regconfig, c.content), 'B')
        FROM unnest(${batch.map(() => crypto.randomUUID())}::text[], ${batch.map((chunk) => chunk.position)}::int[], ${batch.map((chunk) => chunk.heading)}::text[],
                    ${batch.map((chunk) => chunk.content)}::text[], ${batch.map((chunk) => chunk.tokenCount)}::int[]) AS c(id, position, heading, content, tokens)`;
    }
  });
  return { chunkCount: chunks.length };
}

async function embedNextBatch(documentId: string, generation: number, embedder: NonNullable<Awaited<ReturnType<typeof resolveEmbedder>>>, signal?: AbortSignal): Promise<{ remaining: number }> {
  const db = getDb();
  const pending = await db.knowledgeChunk.findMany({ where: { documentId, embeddingDims: null }, orderBy: { position: "asc" }, take: EMBED_BATCH, select: { id: true, heading: true, content: true } });
  if (pending.length) {
    const vectors = await embedder.embed(pending.map((chunk) => (chunk.heading ? `${chunk.heading}\n\n${chunk.content}` : chunk.content)), signal);
    await db.$executeRaw`
      UPDATE "KnowledgeChunk" AS k SET "embedding" = v.e::vector, "embeddingDims" = ${embedder.dimensions}
      FROM unnest(${pending.map((chunk) => chunk.id)}::text[], ${vectors.map(toVectorLiteral)}::text[]) AS v(id, e)
      WHERE k.id = v.id AND k."documentId" = ${documentId}`;
  }
  const [counts] = await db.$queryRaw<{ total: number; embedded: number }[]>`
    SELECT count(*)::int AS total, count("embeddingDims")::int AS embedded FROM "KnowledgeChunk" WHERE "documentId" = ${documentId}`;
  const { total, embedded } = counts!;
  await guarded(documentId, generation, { embeddedCount: embedded, progress: total ? PARSED_PROGRESS + (1 - PARSED_PROGRESS) * (embedded / total) : 1 });
  return { remaining: total - embedded };
}

/** Updates the document only if it is still this generation (else the job was overtaken). */
async function guarded(documentId: string, generation: number, data: Parameters<ReturnType<typeof getDb>["knowledgeDocument"]["updateMany"]>[0]["data"]) {
  const { count } = await getDb().knowledgeDocument.updateMany({ where: { id: documentId, generation }, data });
  if (count === 0) throw new Superseded();
}
