import { getDb } from "@/lib/db";

const holder = globalThis as unknown as { agentryVectorSupport?: Promise<boolean>; agentryVectorIndexes?: Set<number> };

/**
 * Whether this database stores embeddings. The `vector` extension, the "KnowledgeChunk".embedding
 * column and its HNSW indexes are made here, at first use, and not by a migration: a PostgreSQL
 * without pgvector (CI's server, many installs) has none of them and searches by full-text, while
 * one with pgvector (the embedded PGlite, pgvector images) gets them. Why not a conditional `DO`
 * block in the migration: @prisma/adapter-pg's executeScript splits scripts on ";" (so
 * `db:migrate:dev` cannot replay one), and the shadow database it replays on has pgvector, so a
 * conditional column would show as drift from schema.prisma and the next migration would drop it.
 */
export function hasVectorSupport(): Promise<boolean> {
  holder.agentryVectorSupport ??= detect().catch((error) => {
    holder.agentryVectorSupport = undefined;
    throw error;
  });
  return holder.agentryVectorSupport;
}

async function detect(): Promise<boolean> {
  const db = getDb();
  if (await hasColumn()) return true;
  const available = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_available_extensions WHERE name = 'vector'`;
  if (!available[0]?.n) return false;
  try {
    await db.$executeRawUnsafe(`CREATE EXTENSION IF NOT EXISTS vector`);
    await db.$executeRawUnsafe(`ALTER TABLE "KnowledgeChunk" ADD COLUMN IF NOT EXISTS "embedding" vector`);
  } catch (error) {
    // Another process may have won the race; otherwise this role may not create extensions.
    if (await hasColumn()) return true;
    console.warn("[agentry] pgvector is available but could not be enabled; knowledge bases use full-text search only:", (error as Error).message);
    return false;
  }
  return hasColumn();
}

async function hasColumn(): Promise<boolean> {
  const rows = await getDb().$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM information_schema.columns
    WHERE table_schema = current_schema() AND table_name = 'KnowledgeChunk' AND column_name = 'embedding'`;
  return (rows[0]?.n ?? 0) > 0;
}

/** The HNSW index for vectors of `dimensions` (one partial index per size; created once). */
export async function ensureVectorIndex(dimensions: number): Promise<void> {
  if (!Number.isInteger(dimensions) || dimensions < 1 || dimensions > 2000) throw new Error(`invalid vector size ${dimensions}`);
  holder.agentryVectorIndexes ??= new Set();
  if (holder.agentryVectorIndexes.has(dimensions)) return;
  const name = `KnowledgeChunk_embedding_${dimensions}_idx`;
  try {
    await getDb().$executeRawUnsafe(`CREATE INDEX IF NOT EXISTS "${name}" ON "KnowledgeChunk" USING hnsw (("embedding"::vector(${dimensions})) vector_cosine_ops) WHERE "embeddingDims" = ${dimensions}`);
  } catch (error) {
    // Two processes creating it at once: one wins, the other sees it.
    const rows = await getDb().$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_indexes WHERE indexname = ${name}`;
    if (!rows[0]?.n) throw error;
  }
  holder.agentryVectorIndexes.add(dimensions);
}

/** pgvector's text form: `[0.1,0.2,…]`. */
export function toVectorLiteral(values: readonly number[]): string {
  return `[${values.map((value) => (Number.isFinite(value) ? value : 0)).join(",")}]`;
}
