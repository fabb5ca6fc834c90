import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { Prisma } from "@/lib/generated/prisma/client";
import { resolveEmbedder } from "@/lib/knowledge/resolve-embedder";
import { hasVectorSupport, toVectorLiteral } from "@/lib/knowledge/vector-support";
import { searchKnowledgeBaseSchema, type SearchKnowledgeBaseInput } from "@/lib/schemas/knowledge";

export type KnowledgeHit = {
  chunkId: string;
  documentId: string;
  documentName: string;
  sourceUrl: string | null;
  position: number;
  heading: string;
  content: string;
  /** 0..1: full-text rank (rank/(rank+1)), cosine similarity, or the fused score over its maximum. */
  score: number;
  fulltextRank: number | null;
  vectorRank: number | null;
};
export type KnowledgeSearchResult = { query: string; mode: "hybrid" | "fulltext" | "vector"; results: KnowledgeHit[] };

/** Reciprocal rank fusion's constant (Cormack et al.): each list adds 1 / (RRF_K + rank). */
export const RRF_K = 60;

type Row = { id: string; documentId: string; position: number; heading: string; content: string; documentName: string; sourceUrl: string | null; score: number };

/**
 * Searches a knowledge base of `workspaceId`: PostgreSQL full-text (tsvector, weighted headings)
 * alone when there are no embeddings (no embedding model, or no pgvector); with both, each
 * method's best candidates fused by reciprocal rank (hybrid). `mode` forces one method.
 * Citations: document, position (chunk order) and score of every passage.
 */
export async function searchKnowledge({ workspaceId, knowledgeBaseId, input, signal, onSecret }: { workspaceId: string; knowledgeBaseId: string; input: SearchKnowledgeBaseInput; signal?: AbortSignal; onSecret?: (secret: string) => void }): Promise<KnowledgeSearchResult> {
  const options = searchKnowledgeBaseSchema.parse(input);
  const db = getDb();
  const knowledgeBase = await db.knowledgeBase.findFirst({ where: { id: knowledgeBaseId, workspaceId }, select: { id: true, language: true, embeddingCredentialId: true, embeddingModel: true, embeddingDimensions: true } });
  if (!knowledgeBase) throw new AppError("not_found", "Knowledge base not found.");

  const vectorsPossible = !!knowledgeBase.embeddingDimensions && options.mode !== "fulltext" && (await hasVectorSupport());
  if ((options.mode === "vector" || options.mode === "hybrid") && !vectorsPossible) {
    throw new AppError("conflict", "This knowledge base has no embeddings (no embedding model, or the database has no pgvector); search with mode fulltext or auto.");
  }
  const mode: KnowledgeSearchResult["mode"] = options.mode === "auto" ? (vectorsPossible ? "hybrid" : "fulltext") : options.mode;
  const candidates = mode === "hybrid" ? Math.max(options.topK * 4, 20) : options.topK * 2;
  const filter = {
    documentIds: options.documentIds?.length ? options.documentIds : null,
    metadata: options.metadata && Object.keys(options.metadata).length ? JSON.stringify(options.metadata) : null,
  };

  const fulltext = mode === "vector" ? [] : await fullTextSearch(knowledgeBase, workspaceId, options.query, candidates, filter);
  let vector: Row[] = [];
  if (mode !== "fulltext") {
    const embedder = await resolveEmbedder({ workspaceId, knowledgeBase, onSecret });
    const [queryVector] = await embedder!.embed([options.query], signal);
    vector = await vectorSearch(knowledgeBase.id, workspaceId, knowledgeBase.embeddingDimensions!, queryVector!, candidates, filter);
  }

  let hits: KnowledgeHit[];
  if (mode === "hybrid") {
    const fused = new Map<string, { row: Row; fused: number; fulltextRank: number | null; vectorRank: number | null }>();
    fulltext.forEach((row, index) => fused.set(row.id, { row, fused: 1 / (RRF_K + index + 1), fulltextRank: index + 1, vectorRank: null }));
    vector.forEach((row, index) => {
      const entry = fused.get(row.id);
      if (entry) Object.assign(entry, { fused: entry.fused + 1 / (RRF_K + index + 1), vectorRank: index + 1 });
      else fused.set(row.id, { row, fused: 1 / (RRF_K + index + 1), fulltextRank: null, vectorRank: index + 1 });
    });
    const best = 2 / (RRF_K + 1);
    hits = [...fused.values()].sort((a, b) => b.fused - a.fused || a.row.position - b.row.position).map((entry) => toHit(entry.row, entry.fused / best, entry.fulltextRank, entry.vectorRank));
  } else if (mode === "vector") {
    hits = vector.map((row, index) => toHit(row, row.score, null, index + 1));
  } else {
    hits = fulltext.map((row, index) => toHit(row, row.score, index + 1, null));
  }
  return { query: options.query, mode, results: hits.filter((hit) => hit.score >= options.minScore).slice(0, options.topK) };
}

function toHit(row: Row, score: number, fulltextRank: number | null, vectorRank: number | null): KnowledgeHit {
  return { chunkId: row.id, documentId: row.documentId, documentName: row.documentName, sourceUrl: row.sourceUrl, position: row.position, heading: row.heading, content: row.content, score: Math.round(score * 10_000) / 10_000, fulltextRank, vectorRank };
}

type Filter = { documentIds: string[] | null; metadata: string | null };

/** Any of the query's words (OR), ranked by cover density; the language's stemming and stop words apply. */
async function fullTextSearch(knowledgeBase: { id: string; language: string }, workspaceId: string, query: string, limit: number, filter: Filter): Promise<Row[]> {
  const words = [...new Set(query.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])].slice(0, 64);
  if (!words.length) return [];
  const tsquery = words.join(" | ");
  const rows = await getDb().$queryRaw<Row[]>`
    SELECT k.id, k."documentId", k.position, k.heading, k.content, d.name AS "documentName", d."sourceUrl", ts_rank_cd(k."searchVector", q, 32)::float8 AS score
    FROM "KnowledgeChunk" k
    JOIN "KnowledgeDocument" d ON d.id = k."documentId",
         to_tsquery(${knowledgeBase.language}::regconfig, ${tsquery}) q
    WHERE k."knowledgeBaseId" = ${knowledgeBase.id} AND k."workspaceId" = ${workspaceId} AND k."searchVector" @@ q
      AND (${filter.documentIds}::text[] IS NULL OR k."documentId" = ANY(${filter.documentIds}::text[]))
      AND (${filter.metadata}::jsonb IS NULL OR d.metadata @> ${filter.metadata}::jsonb)
    ORDER BY score DESC, k.position
    LIMIT ${limit}`;
  return rows;
}

/** Nearest chunks by cosine distance through the HNSW index of this vector size (iterative scan, so filters do not starve it). */
async function vectorSearch(knowledgeBaseId: string, workspaceId: string, dimensions: number, queryVector: number[], limit: number, filter: Filter): Promise<Row[]> {
  const type = Prisma.raw(`vector(${Math.trunc(dimensions)})`);
  const literal = toVectorLiteral(queryVector);
  return getDb().$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`SET LOCAL hnsw.iterative_scan = relaxed_order`);
    const rows = await tx.$queryRaw<Row[]>`
      SELECT k.id, k."documentId", k.position, k.heading, k.content, d.name AS "documentName", d."sourceUrl",
             (1 - (k."embedding"::${type} <=> ${literal}::${type}))::float8 AS score
      FROM "KnowledgeChunk" k
      JOIN "KnowledgeDocument" d ON d.id = k."documentId"
      WHERE k."knowledgeBaseId" = ${knowledgeBaseId} AND k."workspaceId" = ${workspaceId} AND k."embeddingDims" = ${dimensions}
        AND (${filter.documentIds}::text[] IS NULL OR k."documentId" = ANY(${filter.documentIds}::text[]))
        AND (${filter.metadata}::jsonb IS NULL OR d.metadata @> ${filter.metadata}::jsonb)
      ORDER BY k."embedding"::${type} <=> ${literal}::${type}
      LIMIT ${limit}`;
    return rows.sort((a, b) => b.score - a.score);
  });
}
