import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { startEmbeddedPostgres } from "@/scripts/db/embedded-postgres.mjs";
import { applyMigrations } from "@/scripts/db/migrations.mjs";
import { startFakeLlmServer } from "@/scripts/testing/fake-llm-server";
import { CORPUS, QUESTIONS } from "@/scripts/testing/knowledge-corpus";

// The vector and hybrid paths need pgvector, which the CI server lacks: this file runs on the
// embedded PGlite (pgvector 0.8.1), migrated with the same migrations, through the same lib code.
const ROOT = path.resolve(import.meta.dirname, "../..");
const embedded = await startEmbeddedPostgres();
await applyMigrations({ databaseUrl: embedded.url });
process.env.DATABASE_URL = embedded.url;
process.env.AGENTRY_DATABASE_DRIVER = "embedded";
process.env.AGENTRY_HTTP_ALLOW = "localhost";
const { getDb } = await import("@/lib/db");
const { sealSecret } = await import("@/lib/credentials/secret-box");
const { createTeam } = await import("@/scripts/testing/fixtures");
const { createKnowledgeBase } = await import("@/lib/knowledge/create-knowledge-base");
const { addKnowledgeDocument } = await import("@/lib/knowledge/add-knowledge-document");
const { searchKnowledge } = await import("@/lib/knowledge/search-knowledge");
const { ensureVectorIndex, hasVectorSupport } = await import("@/lib/knowledge/vector-support");
const { getLocalIngestionWorker, LocalIngestionWorker } = await import("@/lib/knowledge/local-ingestion-worker");
const { knowledgeSearchNode } = await import("@/lib/engine/nodes/knowledge-search/execute");
const { buildNodeServices } = await import("@/lib/jobs/build-node-services");
const { createRedactor } = await import("@/lib/jobs/redactor");
const { createToolSources } = await import("@/lib/engine/nodes/agent/create-tool-sources");
const { AgentToolConfigSchema } = await import("@/lib/engine/nodes/agent/schema");

let fake: Awaited<ReturnType<typeof startFakeLlmServer>>;
const children: ChildProcess[] = [];

beforeAll(async () => {
  fake = await startFakeLlmServer();
});

afterAll(async () => {
  for (const child of children) child.kill("SIGKILL");
  await getLocalIngestionWorker().stop();
  await fake?.stop();
  await getDb().$disconnect();
  await embedded.stop();
});

async function workspaceWithEmbeddings(baseUrl: string) {
  const team = await createTeam();
  const actor: Actor = { kind: "user", userId: team.owner.id, apiKeyId: null, workspaceId: team.workspace.id, role: "owner" };
  const credentialId = `cred-${Math.random().toString(36).slice(2, 10)}`;
  await getDb().credential.create({ data: { id: credentialId, workspaceId: team.workspace.id, name: "Embeddings", provider: "openai-compatible", secret: sealSecret("sk-openai-test", credentialId), baseUrl: baseUrl.replace("127.0.0.1", "localhost") } });
  return { actor, credentialId };
}

async function waitUntilIngested(knowledgeBaseId: string, count: number, timeout = 60_000) {
  await expect
    .poll(async () => {
      const rows = await getDb().knowledgeDocument.findMany({ where: { knowledgeBaseId }, select: { status: true, error: true } });
      const failed = rows.find((row) => row.status === "failed");
      if (failed) throw new Error(`ingestion failed: ${failed.error}`);
      return rows.filter((row) => row.status === "ready").length;
    }, { timeout, interval: 100 })
    .toBe(count);
}

describe("knowledge bases with pgvector (embedded PGlite)", () => {
  it("adds the vector column where pgvector exists, and an HNSW index per vector size", async () => {
    const column = () => getDb().$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM information_schema.columns WHERE table_name = 'KnowledgeChunk' AND column_name = 'embedding'`;
    expect((await column())[0]!.n).toBe(0); // the migration leaves it to lib/knowledge
    expect(await hasVectorSupport()).toBe(true);
    expect((await column())[0]!.n).toBe(1);
    await Promise.all([ensureVectorIndex(48), ensureVectorIndex(48)]);
    const indexes = await getDb().$queryRaw<{ indexdef: string }[]>`SELECT indexdef FROM pg_indexes WHERE tablename = 'KnowledgeChunk'`;
    expect(indexes.map((index) => index.indexdef).join("\n")).toMatch(/KnowledgeChunk_embedding_48_idx.*USING hnsw .*vector\(48\).*vector_cosine_ops.*"embeddingDims" = 48/);
  });

  it("hybrid search over 32 documents: recall@5 ≥ 0.9 and not below full-text or vector alone; the node cites its sources", async () => {
    const { actor, credentialId } = await workspaceWithEmbeddings(fake.openaiBaseUrl);
    const kb = await createKnowledgeBase(actor, { name: "Quality", description: "", language: "english", chunkTokens: 200, chunkOverlap: 20, embeddingCredentialId: credentialId, embeddingModel: "fake-embed", embeddingDimensions: 64 });
    const ids = new Map<string, string>();
    for (const doc of CORPUS) ids.set((await addKnowledgeDocument(actor, { knowledgeBaseId: kb.id, document: { kind: "text", name: doc.name, text: doc.text, metadata: { topic: doc.name } } })).id, doc.name);
    await waitUntilIngested(kb.id, CORPUS.length);
    const documents = await getDb().knowledgeDocument.findMany({ where: { knowledgeBaseId: kb.id } });
    for (const document of documents) expect(document.embeddedCount).toBe(document.chunkCount);

    const recall: Record<string, number> = {};
    for (const mode of ["fulltext", "vector", "hybrid"] as const) {
      let found = 0;
      for (const { question, answer } of QUESTIONS) {
        const { results } = await searchKnowledge({ workspaceId: actor.workspaceId, knowledgeBaseId: kb.id, input: { query: question, topK: 5, mode } });
        if (results.some((hit) => ids.get(hit.documentId) === answer)) found++;
      }
      recall[mode] = found / QUESTIONS.length;
    }
    console.log(`[knowledge] recall@5 over ${QUESTIONS.length} questions, ${CORPUS.length} documents:`, recall);
    expect(recall.hybrid).toBeGreaterThanOrEqual(0.9);
    expect(recall.hybrid).toBeGreaterThanOrEqual(recall.fulltext!);
    expect(recall.hybrid).toBeGreaterThanOrEqual(recall.vector!);

    const auto = await searchKnowledge({ workspaceId: actor.workspaceId, knowledgeBaseId: kb.id, input: { query: "Who was the first Roman emperor?" } });
    expect(auto.mode).toBe("hybrid");
    expect(auto.results[0]).toMatchObject({ documentName: "roman-empire", position: 0, heading: "The Roman Empire", fulltextRank: expect.any(Number), vectorRank: expect.any(Number) });
    expect(auto.results[0]!.score).toBeGreaterThan(0.9);
    const filtered = await searchKnowledge({ workspaceId: actor.workspaceId, knowledgeBaseId: kb.id, input: { query: "Who was the first Roman emperor?", metadata: { topic: "tides" }, mode: "vector" } });
    expect(filtered.results.map((hit) => hit.documentName)).toEqual(["tides"]);

    // The node, through the services a run gets (this workspace only; the embedding key redacted).
    const redactor = createRedactor();
    const services = buildNodeServices({ execution: { id: "exec-test", workspaceId: actor.workspaceId, depth: 0 }, redactor });
    const config = knowledgeSearchNode.configSchema.parse({ knowledgeBaseId: kb.id, query: "What causes coral bleaching?", topK: 3 });
    const result = await knowledgeSearchNode.execute({ nodeId: "search", config, inputs: {}, services, step: undefined as never, key: "node:search", signal: new AbortController().signal, emitToken: () => {} });
    const output = result.output as { mode: string; results: { documentName: string }[]; context: string };
    expect(output.mode).toBe("hybrid");
    expect(output.results[0]!.documentName).toBe("coral-reefs");
    expect(output.context).toMatch(/^\[1\] Coral reefs \(coral-reefs, passage 1\)\nCoral reefs are built/);
    expect(redactor.redact("key sk-openai-test")).not.toContain("sk-openai-test");
    // The same search as an agent tool.
    const [source] = createToolSources([AgentToolConfigSchema.parse({ type: "knowledge", knowledgeBaseId: kb.id, topK: 2 })], services);
    expect((await source!.list(new AbortController().signal))[0]).toMatchObject({ name: "search_knowledge", inputSchema: { required: ["query"] } });
    const toolResult = (await source!.call("search_knowledge", { query: "How do bees show where flowers are?" }, { key: "node:agent:tool:1", signal: new AbortController().signal })) as { source: number; document: string }[];
    expect(toolResult).toHaveLength(2);
    expect(toolResult[0]).toMatchObject({ source: 1, document: "honey-bees", position: 0 });
    const other = await createTeam();
    const foreign = buildNodeServices({ execution: { id: "exec-other", workspaceId: other.workspace.id, depth: 0 }, redactor: createRedactor() });
    await expect(foreign.knowledge!.search({ knowledgeBaseId: kb.id, query: "coral", topK: 3, minScore: 0 })).rejects.toThrow("Knowledge base not found.");
  }, 120_000);

  it("fails a document whose model returns vectors of another size, naming both sizes", async () => {
    const { actor, credentialId } = await workspaceWithEmbeddings(fake.openaiBaseUrl);
    const kb = await createKnowledgeBase(actor, { name: "Wrong size", description: "", language: "english", chunkTokens: 200, chunkOverlap: 20, embeddingCredentialId: credentialId, embeddingModel: "fake-embed", embeddingDimensions: 32 });
    const document = await addKnowledgeDocument(actor, { knowledgeBaseId: kb.id, document: { kind: "text", name: "x", text: "Some text to embed." } });
    await expect.poll(async () => (await getDb().knowledgeDocument.findUniqueOrThrow({ where: { id: document.id } })).status, { timeout: 20_000 }).toBe("failed");
    expect((await getDb().knowledgeDocument.findUniqueOrThrow({ where: { id: document.id } })).error).toMatch(/64 dimensions; this knowledge base expects 32/);
  });

  it("resumes an ingestion after its worker is SIGKILLed mid-embedding: chunks are not parsed again, finished batches not embedded again", async () => {
    await getLocalIngestionWorker().stop(); // only the child process works on it at first
    const slow = await startFakeLlmServer({ embeddingDelayMs: 300 });
    try {
      const { actor, credentialId } = await workspaceWithEmbeddings(slow.openaiBaseUrl);
      const kb = await createKnowledgeBase(actor, { name: "Crash", description: "", language: "english", chunkTokens: 50, chunkOverlap: 0, embeddingCredentialId: credentialId, embeddingModel: "fake-embed", embeddingDimensions: 64 });
      const text = Array.from({ length: 400 }, (_, index) => `Paragraph ${index} talks about subject number ${index} and its many particular details, which fill the passage.`).join("\n\n");
      const document = await getDb().knowledgeDocument.create({ data: { workspaceId: actor.workspaceId, knowledgeBaseId: kb.id, name: "long.md", sourceType: "text", mimeType: "text/markdown", sizeBytes: text.length, file: { create: { bytes: new Uint8Array(Buffer.from(text)) } } } });

      const child = spawn(process.execPath, ["--import", "tsx", "scripts/testing/run-ingestion-worker.ts"], {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: embedded.url, AGENTRY_DATABASE_DRIVER: "embedded", AGENTRY_LEASE_MS: "60000", AGENTRY_HTTP_ALLOW: "localhost", NODE_ENV: "test" },
        stdio: ["ignore", "pipe", "pipe"],
      });
      children.push(child);
      const embeddedSoFar = async () => (await getDb().knowledgeDocument.findUniqueOrThrow({ where: { id: document.id } })).embeddedCount;
      await expect.poll(embeddedSoFar, { timeout: 60_000, interval: 50 }).toBeGreaterThanOrEqual(64);
      child.kill("SIGKILL");
      await new Promise((resolve) => child.once("exit", resolve));
      const before = await getDb().knowledgeDocument.findUniqueOrThrow({ where: { id: document.id } });
      const chunkIdsBefore = (await getDb().knowledgeChunk.findMany({ where: { documentId: document.id }, orderBy: { position: "asc" }, select: { id: true } })).map((chunk) => chunk.id);
      const requestsBefore = slow.requests.filter((request) => request.path.endsWith("/embeddings")).length;
      expect(before.status).toBe("processing");
      expect(before.chunkCount).toBeGreaterThan(128);
      expect(before.embeddedCount).toBeLessThan(before.chunkCount);

      // A new worker on this host sees the dead owner at once (no waiting for the lease).
      const worker = new LocalIngestionWorker({ pollMs: 100 });
      worker.start();
      try {
        await expect.poll(async () => (await getDb().knowledgeDocument.findUniqueOrThrow({ where: { id: document.id } })).status, { timeout: 60_000, interval: 100 }).toBe("ready");
      } finally {
        await worker.stop();
      }
      const after = await getDb().knowledgeDocument.findUniqueOrThrow({ where: { id: document.id } });
      expect(after).toMatchObject({ embeddedCount: before.chunkCount, chunkCount: before.chunkCount, progress: 1, error: null });
      expect((await getDb().knowledgeChunk.findMany({ where: { documentId: document.id }, orderBy: { position: "asc" }, select: { id: true } })).map((chunk) => chunk.id)).toEqual(chunkIdsBefore);
      const batches = Math.ceil(before.chunkCount / 64);
      const alreadyDone = Math.floor(before.embeddedCount / 64);
      const requestsAfter = slow.requests.filter((request) => request.path.endsWith("/embeddings")).length - requestsBefore;
      expect(requestsAfter).toBe(batches - alreadyDone);
    } finally {
      await slow.stop();
    }
  }, 120_000);
});
