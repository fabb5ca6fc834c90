import { startEmbeddedPostgres } from "../db/embedded-postgres.mjs";
import { applyMigrations } from "../db/migrations.mjs";
import { startFakeLlmServer } from "../testing/fake-llm-server";
import { percentile, type BenchResult } from "./stats";

const DIMENSIONS = 64;
const TARGET_CHUNKS = 100_000;
const QUERIES = 100;

/**
 * Knowledge bases on the embedded database (PGlite with pgvector): ingestion throughput through
 * the real pipeline (parse → chunk → embed with the fake embeddings server → store), then search
 * latency (full-text, vector, hybrid) once the knowledge base holds 100,000 chunks.
 */
export async function benchKnowledge(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const embedded = await startEmbeddedPostgres();
  const fake = await startFakeLlmServer({ embeddingDimensions: DIMENSIONS });
  try {
    await applyMigrations({ databaseUrl: embedded.url });
    process.env.DATABASE_URL = embedded.url;
    process.env.AGENTRY_DATABASE_DRIVER = "embedded";
    process.env.AGENTRY_HTTP_ALLOW = "localhost";
    process.env.AGENTRY_ENCRYPTION_KEY ??= "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    const { getDb } = await import("@/lib/db");
    const { sealSecret } = await import("@/lib/credentials/secret-box");
    const { ingestKnowledgeDocument } = await import("@/lib/knowledge/ingest-knowledge-document");
    const { searchKnowledge } = await import("@/lib/knowledge/search-knowledge");
    const db = getDb();

    const workspace = await db.workspace.create({ data: { name: "Bench" } });
    await db.credential.create({ data: { id: "bench-embeddings", workspaceId: workspace.id, name: "Embeddings", provider: "openai-compatible", secret: sealSecret("sk-openai-test", "bench-embeddings"), baseUrl: fake.openaiBaseUrl.replace("127.0.0.1", "localhost") } });
    const kb = await db.knowledgeBase.create({ data: { workspaceId: workspace.id, name: "Bench", chunkTokens: 200, chunkOverlap: 20, embeddingCredentialId: "bench-embeddings", embeddingModel: "fake", embeddingDimensions: DIMENSIONS } });
    const plain = await db.knowledgeBase.create({ data: { workspaceId: workspace.id, name: "Bench full-text", chunkTokens: 200, chunkOverlap: 20 } });

    const vocabulary = Array.from({ length: 3000 }, (_, index) => `term${index.toString(36)}`);
    const sentence = (seed: number) => Array.from({ length: 14 }, (_, index) => vocabulary[(seed * 7919 + index * 104729) % vocabulary.length]).join(" ") + ".";
    const makeDocument = (seed: number) => Array.from({ length: 60 }, (_, section) => `## Section ${section}\n\n${Array.from({ length: 8 }, (_, index) => sentence(seed * 1000 + section * 10 + index)).join(" ")}`).join("\n\n");

    for (const [label, knowledgeBaseId] of [["embedded, with embeddings", kb.id], ["embedded, full-text only", plain.id]] as const) {
      const documents = [];
      for (let index = 0; index < 10; index++) {
        const text = makeDocument(index + (label.includes("full") ? 100 : 0));
        documents.push(await db.knowledgeDocument.create({ data: { workspaceId: workspace.id, knowledgeBaseId, name: `doc-${index}.md`, sourceType: "text", mimeType: "text/markdown", file: { create: { bytes: new Uint8Array(Buffer.from(text)) } } } }));
      }
      const started = performance.now();
      for (const document of documents) {
        const outcome = await ingestKnowledgeDocument({ documentId: document.id, steps: { run: (_key, fn) => fn() } });
        if (outcome.status !== "ready") throw new Error(`ingestion ${outcome.status}: ${outcome.error}`);
      }
      const seconds = (performance.now() - started) / 1000;
      const chunks = await db.knowledgeChunk.count({ where: { knowledgeBaseId } });
      results.push({ name: `ingestion (${label}, ${chunks} chunks)`, value: chunks / seconds, unit: "chunks/s" });
    }

    // Fill the embedded knowledge base to 100,000 chunks with synthetic passages and random vectors.
    const have = await db.knowledgeChunk.count({ where: { knowledgeBaseId: kb.id } });
    const filler = await db.knowledgeDocument.create({ data: { workspaceId: workspace.id, knowledgeBaseId: kb.id, name: "filler", sourceType: "text", mimeType: "text/plain", status: "ready" } });
    const started = performance.now();
    for (let offset = 0; offset < TARGET_CHUNKS - have; offset += 5000) {
      const count = Math.min(5000, TARGET_CHUNKS - have - offset);
      await db.$executeRawUnsafe(`
        INSERT INTO "KnowledgeChunk" (id, "workspaceId", "knowledgeBaseId", "documentId", position, heading, content, "tokenCount", "searchVector", "embedding", "embeddingDims")
        SELECT 'f' || g, $1, $2, $3, g, '', t.content, 40, to_tsvector('english', t.content), v.v::vector, ${DIMENSIONS}
        FROM generate_series(${offset}, ${offset + count - 1}) g,
        LATERAL (SELECT string_agg('term' || to_hex((random() * 3000)::int), ' ') AS content FROM generate_series(1, 30 + g * 0)) t,
        LATERAL (SELECT '[' || string_agg((random() - 0.5)::text, ',') || ']' AS v FROM generate_series(1, ${DIMENSIONS} + g * 0)) v`,
        workspace.id, kb.id, filler.id);
    }
    results.push({ name: `bulk insert to ${TARGET_CHUNKS} chunks (HNSW + GIN maintained)`, value: (performance.now() - started) / 1000, unit: "s" });

    for (const mode of ["fulltext", "vector", "hybrid"] as const) {
      const samples: number[] = [];
      for (let index = 0; index < QUERIES; index++) {
        const query = `${vocabulary[(index * 31) % vocabulary.length]} ${vocabulary[(index * 17 + 5) % vocabulary.length]} ${vocabulary[(index * 13 + 9) % vocabulary.length]}`;
        const begin = performance.now();
        const { results: hits } = await searchKnowledge({ workspaceId: workspace.id, knowledgeBaseId: kb.id, input: { query, topK: 5, mode } });
        samples.push(performance.now() - begin);
        if (mode !== "fulltext" && hits.length === 0) throw new Error(`${mode} search found nothing`);
      }
      results.push({ name: `search p50, ${mode}, ${TARGET_CHUNKS} chunks`, value: percentile(samples, 50), unit: "ms" });
      results.push({ name: `search p95, ${mode}, ${TARGET_CHUNKS} chunks`, value: percentile(samples, 95), unit: "ms" });
    }
    await db.$disconnect();
  } finally {
    await fake.stop();
    await embedded.stop();
  }
  return results;
}
