import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { getLocalIngestionWorker } from "@/lib/knowledge/local-ingestion-worker";
import { hasVectorSupport } from "@/lib/knowledge/vector-support";
import { call, createTeam } from "@/scripts/testing/fixtures";
import { startFakeLlmServer } from "@/scripts/testing/fake-llm-server";
import * as credentials from "@/app/api/v1/credentials/route";
import * as credential from "@/app/api/v1/credentials/[id]/route";
import * as knowledgeBases from "@/app/api/v1/knowledge-bases/route";
import * as knowledgeBase from "@/app/api/v1/knowledge-bases/[id]/route";
import * as documents from "@/app/api/v1/knowledge-bases/[id]/documents/route";
import * as document from "@/app/api/v1/knowledge-bases/[id]/documents/[documentId]/route";
import * as chunks from "@/app/api/v1/knowledge-bases/[id]/documents/[documentId]/chunks/route";
import * as reingest from "@/app/api/v1/knowledge-bases/[id]/documents/[documentId]/reingest/route";
import * as search from "@/app/api/v1/knowledge-bases/[id]/search/route";

// The CI server is PostgreSQL without pgvector: everything here is the full-text path.
const FIXTURES = path.resolve(import.meta.dirname, "../../../scripts/testing/knowledge-fixtures");
type As = { cookie: string } | { apiKey: string };

let site: http.Server;
let siteUrl: string;
let fake: Awaited<ReturnType<typeof startFakeLlmServer>>;

beforeAll(async () => {
  site = http.createServer((request, response) => {
    if (request.url === "/guide.html") {
      response.setHeader("content-type", "text/html; charset=utf-8");
      response.end(`<!doctype html><html><head><title>Guide</title><script>var secret = "not text";</script></head><body><nav>Home | About</nav><h1>Volcano guide</h1><p>Basalt lava flows are fluid and travel far.</p><h2>Safety</h2><p>Keep a distance of two kilometres from an active vent.</p></body></html>`);
    } else if (request.url === "/redirect-home") {
      response.writeHead(302, { location: "http://127.0.0.2:9/private" });
      response.end();
    } else {
      response.writeHead(404);
      response.end("missing");
    }
  });
  await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
  siteUrl = `http://localhost:${(site.address() as AddressInfo).port}`;
  fake = await startFakeLlmServer();
  process.env.AGENTRY_HTTP_ALLOW = "localhost";
});

afterAll(async () => {
  await getLocalIngestionWorker().stop();
  await new Promise((resolve) => site.close(resolve));
  await fake.stop();
});

function upload(as: As, knowledgeBaseId: string, file: { name: string; bytes: Uint8Array; type?: string }, extra: Record<string, string> = {}) {
  const form = new FormData();
  form.set("file", new File([Buffer.from(file.bytes)], file.name, { type: file.type ?? "application/octet-stream" }));
  for (const [key, value] of Object.entries(extra)) form.set(key, value);
  const headers = new Headers();
  if ("cookie" in as) headers.set("cookie", as.cookie);
  else headers.set("authorization", `Bearer ${as.apiKey}`);
  return documents.POST(new Request("http://agentry.test/api/v1/x", { method: "POST", headers, body: form }), { params: Promise.resolve({ id: knowledgeBaseId }) }).then(async (response) => ({ status: response.status, body: await response.json() }));
}

async function waitForDocument(as: As, knowledgeBaseId: string, documentId: string, until: string[] = ["ready", "failed"]) {
  let last: { status: string } | undefined;
  await expect
    .poll(async () => {
      last = (await call(document.GET, { as, params: { id: knowledgeBaseId, documentId } })).body;
      return until.includes(last!.status);
    }, { timeout: 20_000, interval: 100 })
    .toBe(true);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the API's JSON
  return last as any;
}

async function newKnowledgeBase(as: As, body: Record<string, unknown> = {}) {
  const created = await call(knowledgeBases.POST, { as, body: { name: `KB ${Math.random().toString(36).slice(2, 8)}`, chunkTokens: 120, chunkOverlap: 20, ...body } });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body as { id: string };
}

describe("knowledge bases on PostgreSQL without pgvector (full-text)", () => {
  it("has no vector column here", async () => {
    expect(await hasVectorSupport()).toBe(false);
  });

  it("ingests a real PDF, a DOCX, pasted text and a web page, and finds passages with citations", async () => {
    const { owner } = await createTeam();
    const kb = await newKnowledgeBase(owner);

    const pdf = await upload(owner, kb.id, { name: "llama-care.pdf", bytes: fs.readFileSync(path.join(FIXTURES, "llama-care.pdf")) }, { metadata: JSON.stringify({ topic: "animals" }) });
    expect(pdf.status, JSON.stringify(pdf.body)).toBe(202);
    expect(pdf.body).toMatchObject({ status: "queued", mimeType: "application/pdf", sourceType: "upload", metadata: { topic: "animals" } });
    const docx = await upload(owner, kb.id, { name: "expense-policy.docx", bytes: fs.readFileSync(path.join(FIXTURES, "expense-policy.docx")) });
    expect(docx.status, JSON.stringify(docx.body)).toBe(202);
    expect(docx.body.mimeType).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    const pasted = await call(documents.POST, { as: owner, params: { id: kb.id }, body: { name: "Notes", text: "# Rockets\n\nLiquid oxygen is the oxidiser of most first stages." } });
    expect(pasted.status).toBe(202);
    const page = await call(documents.POST, { as: owner, params: { id: kb.id }, body: { url: `${siteUrl}/guide.html` } });
    expect(page.status, JSON.stringify(page.body)).toBe(202);

    for (const id of [pdf.body.id, docx.body.id, pasted.body.id, page.body.id]) {
      const done = await waitForDocument(owner, kb.id, id);
      expect(done, JSON.stringify(done)).toMatchObject({ status: "ready", progress: 1, error: null });
      expect(done.chunkCount).toBeGreaterThan(0);
    }

    // Headings kept as context (Word's heading styles, the page's h1/h2); the page's script and nav dropped.
    const docxChunks = (await call(chunks.GET, { as: owner, params: { id: kb.id, documentId: docx.body.id } })).body.items;
    expect(docxChunks.map((chunk: { heading: string }) => chunk.heading)).toContain("Expense Policy > Hotels");
    const pageChunks = (await call(chunks.GET, { as: owner, params: { id: kb.id, documentId: page.body.id } })).body.items;
    const pageText = JSON.stringify(pageChunks);
    expect(pageText).toContain("Volcano guide > Safety");
    expect(pageText).not.toContain("not text");
    expect(pageText).not.toContain("Home | About");

    const hotel = await call(search.POST, { as: owner, params: { id: kb.id }, body: { query: "How much may a hotel room cost per night?" } });
    expect(hotel.status).toBe(200);
    expect(hotel.body.mode).toBe("fulltext");
    expect(hotel.body.results[0]).toMatchObject({ documentId: docx.body.id, documentName: "expense-policy.docx", heading: "Expense Policy > Hotels", fulltextRank: 1, vectorRank: null });
    expect(hotel.body.results[0].content).toContain("150 euros");
    expect(hotel.body.results[0].score).toBeGreaterThan(0);

    const llama = await call(search.POST, { as: owner, params: { id: kb.id }, body: { query: "what do llamas eat", topK: 1 } });
    expect(llama.body.results).toHaveLength(1);
    expect(llama.body.results[0]).toMatchObject({ documentId: pdf.body.id, position: expect.any(Number) });
    expect(llama.body.results[0].content).toMatch(/hay/);

    // Filters: by document and by metadata.
    const onlyDocx = await call(search.POST, { as: owner, params: { id: kb.id }, body: { query: "llamas hotel", documentIds: [docx.body.id] } });
    expect(new Set(onlyDocx.body.results.map((hit: { documentId: string }) => hit.documentId))).toEqual(new Set([docx.body.id]));
    const animals = await call(search.POST, { as: owner, params: { id: kb.id }, body: { query: "llamas hotel", metadata: { topic: "animals" } } });
    expect(new Set(animals.body.results.map((hit: { documentId: string }) => hit.documentId))).toEqual(new Set([pdf.body.id]));
    // A high minimum score leaves weak matches out.
    const strict = await call(search.POST, { as: owner, params: { id: kb.id }, body: { query: "hotel", minScore: 0.99 } });
    expect(strict.body.results).toEqual([]);

    const listed = await call(knowledgeBases.GET, { as: owner });
    expect(listed.body.items.find((item: { id: string }) => item.id === kb.id)).toMatchObject({ documentCount: 4 });
  });

  it("re-ingests and deletes documents; deleting the knowledge base removes everything", async () => {
    const { owner } = await createTeam();
    const kb = await newKnowledgeBase(owner);
    const added = await call(documents.POST, { as: owner, params: { id: kb.id }, body: { name: "Tides", text: "Spring tides happen at new and full moon." } });
    await waitForDocument(owner, kb.id, added.body.id);
    const again = await call(reingest.POST, { as: owner, params: { id: kb.id, documentId: added.body.id } });
    expect(again.status).toBe(202);
    expect(again.body).toMatchObject({ status: "queued", chunkCount: 0 });
    expect(await waitForDocument(owner, kb.id, added.body.id)).toMatchObject({ status: "ready", chunkCount: 1 });
    expect((await call(search.POST, { as: owner, params: { id: kb.id }, body: { query: "moon tides" } })).body.results).toHaveLength(1);

    expect((await call(document.DELETE, { method: "DELETE", as: owner, params: { id: kb.id, documentId: added.body.id } })).status).toBe(204);
    expect((await call(search.POST, { as: owner, params: { id: kb.id }, body: { query: "moon tides" } })).body.results).toEqual([]);
    expect(await getDb().knowledgeChunk.count({ where: { knowledgeBaseId: kb.id } })).toBe(0);

    await call(documents.POST, { as: owner, params: { id: kb.id }, body: { text: "Anything", name: "x" } });
    expect((await call(knowledgeBase.DELETE, { method: "DELETE", as: owner, params: { id: kb.id } })).status).toBe(204);
    expect(await getDb().knowledgeDocument.count({ where: { knowledgeBaseId: kb.id } })).toBe(0);
    expect((await call(knowledgeBase.GET, { as: owner, params: { id: kb.id } })).status).toBe(404);
  });

  it("refuses bad files and URLs with a 4xx naming the problem", async () => {
    const { owner } = await createTeam();
    const kb = await newKnowledgeBase(owner);
    const cases: { file: { name: string; bytes: Uint8Array }; status: number; detail: RegExp }[] = [
      { file: { name: "photo.png", bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0xff, 0xfe]) }, status: 415, detail: /neither text.*supported: txt, md, html, pdf, docx/ },
      { file: { name: "archive.zip", bytes: Buffer.from("PK\u0003\u0004rest-of-a-zip-without-word", "latin1") }, status: 415, detail: /ZIP archive but not a Word document/ },
      { file: { name: "old.doc", bytes: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]) }, status: 415, detail: /\.doc/ },
      { file: { name: "broken.pdf", bytes: Buffer.from("%PDF-1.4\nthis is not a pdf at all") }, status: 422, detail: /"broken.pdf" cannot be read/ },
      { file: { name: "empty.txt", bytes: new Uint8Array() }, status: 400, detail: /is empty/ },
      { file: { name: "huge.txt", bytes: Buffer.alloc(20 * 1024 * 1024 + 10, 0x61) }, status: 413, detail: /20 MB/ },
    ];
    for (const { file, status, detail } of cases) {
      const result = await upload(owner, kb.id, file);
      expect(result.status, `${file.name}: ${JSON.stringify(result.body)}`).toBe(status);
      expect(result.body.detail).toMatch(detail);
    }
    for (const url of ["ftp://example.com/file.txt", "http://127.0.0.1/admin", "http://169.254.169.254/latest/meta-data"]) {
      const result = await call(documents.POST, { as: owner, params: { id: kb.id }, body: { url } });
      expect(result.status, url).toBe(400);
      expect(result.body.errors[0].path).toBe("body.url");
    }
    expect((await call(documents.POST, { as: owner, params: { id: kb.id }, body: { nothing: true } })).status).toBe(400);
    const notJson = await documents.POST(new Request("http://agentry.test/x", { method: "POST", headers: { cookie: owner.cookie, "content-type": "text/plain" }, body: "hello" }), { params: Promise.resolve({ id: kb.id }) });
    expect(notJson.status).toBe(415);
    expect(await getDb().knowledgeDocument.count({ where: { knowledgeBaseId: kb.id } })).toBe(0);
  });

  it("fails a document whose URL answers 404 or redirects to a private address, with the reason", async () => {
    const { owner } = await createTeam();
    const kb = await newKnowledgeBase(owner);
    const missing = await call(documents.POST, { as: owner, params: { id: kb.id }, body: { url: `${siteUrl}/nothing-here` } });
    const redirected = await call(documents.POST, { as: owner, params: { id: kb.id }, body: { url: `${siteUrl}/redirect-home` } });
    expect(await waitForDocument(owner, kb.id, missing.body.id, ["failed"])).toMatchObject({ status: "failed", error: expect.stringContaining("answered 404") });
    expect(await waitForDocument(owner, kb.id, redirected.body.id, ["failed"])).toMatchObject({ status: "failed", error: expect.stringMatching(/blocked/) });
  });

  it("a knowledge base with an embedding model still searches by full-text where there is no pgvector", async () => {
    const { owner } = await createTeam();
    const credential = await call(credentials.POST, { as: owner, body: { name: "Embeddings", provider: "openai-compatible", baseUrl: fake.openaiBaseUrl.replace("127.0.0.1", "localhost") } });
    expect(credential.status, JSON.stringify(credential.body)).toBe(201);
    const kb = await newKnowledgeBase(owner, { embeddingCredentialId: credential.body.id, embeddingModel: "fake-embed", embeddingDimensions: 64 });
    const added = await call(documents.POST, { as: owner, params: { id: kb.id }, body: { name: "Bees", text: "Honey bees dance to show where flowers are." } });
    expect(await waitForDocument(owner, kb.id, added.body.id)).toMatchObject({ status: "ready", embeddedCount: 0 });
    expect((await call(search.POST, { as: owner, params: { id: kb.id }, body: { query: "bees dance" } })).body).toMatchObject({ mode: "fulltext", results: [expect.objectContaining({ documentId: added.body.id })] });
    const vector = await call(search.POST, { as: owner, params: { id: kb.id }, body: { query: "bees dance", mode: "vector" } });
    expect(vector.status).toBe(409);
    // The wrong kind of credential is refused when the knowledge base is created.
    const token = await call(credentials.POST, { as: owner, body: { name: "Token", provider: "http", secret: "t" } });
    expect((await call(knowledgeBases.POST, { as: owner, body: { name: "Bad", embeddingCredentialId: token.body.id, embeddingModel: "m", embeddingDimensions: 8 } })).status).toBe(400);
    expect((await call(knowledgeBases.POST, { as: owner, body: { name: "Half", embeddingModel: "m" } })).status).toBe(400);
  });

  it("reaches the same embedding model through another credential when its own was deleted; only an embedding credential of the workspace", async () => {
    const { owner } = await createTeam();
    const baseUrl = fake.openaiBaseUrl.replace("127.0.0.1", "localhost");
    const first = await call(credentials.POST, { as: owner, body: { name: "Embed A", provider: "openai-compatible", baseUrl } });
    const second = await call(credentials.POST, { as: owner, body: { name: "Embed B", provider: "openai-compatible", baseUrl } });
    const kb = await newKnowledgeBase(owner, { embeddingCredentialId: first.body.id, embeddingModel: "fake-embed", embeddingDimensions: 64 });
    expect((await call(credential.DELETE, { method: "DELETE", as: owner, params: { id: first.body.id }, query: { force: "true" } })).status).toBe(204);

    const patch = (body: Record<string, unknown>, as: As = owner) => call(knowledgeBase.PATCH, { method: "PATCH", as, params: { id: kb.id }, body });
    const token = await call(credentials.POST, { as: owner, body: { name: "Token", provider: "http", secret: "t" } });
    const wrongKind = await patch({ embeddingCredentialId: token.body.id });
    expect(wrongKind.status).toBe(400);
    expect(wrongKind.body.errors).toEqual([{ path: "body.embeddingCredentialId", message: "A http credential cannot make embeddings." }]);
    const other = await createTeam();
    const elsewhere = await call(credentials.POST, { as: other.owner, body: { name: "Theirs", provider: "openai-compatible", baseUrl } });
    expect((await patch({ embeddingCredentialId: elsewhere.body.id })).status).toBe(400);
    expect((await patch({ embeddingCredentialId: second.body.id }, other.owner)).status).toBe(404);

    const switched = await patch({ embeddingCredentialId: second.body.id });
    expect(switched.status, JSON.stringify(switched.body)).toBe(200);
    expect(switched.body).toMatchObject({ embeddingCredentialId: second.body.id, embeddingModel: "fake-embed", embeddingDimensions: 64 });
    // A full-text-only knowledge base has no model to reach.
    const plain = await newKnowledgeBase(owner);
    expect((await call(knowledgeBase.PATCH, { method: "PATCH", as: owner, params: { id: plain.id }, body: { embeddingCredentialId: second.body.id } })).status).toBe(400);
  });

  it("viewers search but do not manage; another workspace's knowledge bases and documents are 404", async () => {
    const mine = await createTeam(["viewer"]);
    const theirs = await createTeam();
    const kb = await newKnowledgeBase(theirs.owner);
    const added = await call(documents.POST, { as: theirs.owner, params: { id: kb.id }, body: { name: "Secret", text: "The vault code is kept in the blue binder." } });
    await waitForDocument(theirs.owner, kb.id, added.body.id);

    const as = mine.owner;
    const params = { id: kb.id, documentId: added.body.id };
    const attempts = await Promise.all([
      call(knowledgeBase.GET, { as, params: { id: kb.id } }),
      call(knowledgeBase.PATCH, { method: "PATCH", as, params: { id: kb.id }, body: { name: "mine" } }),
      call(knowledgeBase.DELETE, { method: "DELETE", as, params: { id: kb.id } }),
      call(documents.GET, { as, params: { id: kb.id } }),
      call(documents.POST, { as, params: { id: kb.id }, body: { text: "planted", name: "x" } }),
      upload(as, kb.id, { name: "a.txt", bytes: Buffer.from("planted") }),
      call(document.GET, { as, params }),
      call(document.DELETE, { method: "DELETE", as, params }),
      call(chunks.GET, { as, params }),
      call(reingest.POST, { as, params }),
      call(search.POST, { as, params: { id: kb.id }, body: { query: "vault code" } }),
    ]);
    for (const result of attempts) expect(result.status, JSON.stringify(result.body)).toBe(404);
    // Their document within my knowledge base's id: still 404.
    const myKb = await newKnowledgeBase(mine.owner);
    expect((await call(document.GET, { as, params: { id: myKb.id, documentId: added.body.id } })).status).toBe(404);
    expect((await call(knowledgeBases.GET, { as })).body.items.map((item: { id: string }) => item.id)).toEqual([myKb.id]);
    expect((await call(knowledgeBase.GET, { as: theirs.owner, params: { id: kb.id } })).body).toMatchObject({ documentCount: 1, name: expect.stringMatching(/^KB /) });

    const viewer = mine.members[0]!;
    expect((await call(search.POST, { as: viewer, params: { id: myKb.id }, body: { query: "anything" } })).status).toBe(200);
    expect((await call(documents.POST, { as: viewer, params: { id: myKb.id }, body: { text: "x", name: "x" } })).status).toBe(403);
    expect((await upload(viewer, myKb.id, { name: "a.txt", bytes: Buffer.from("hello") })).status).toBe(403);
    expect((await call(knowledgeBases.POST, { as: viewer, body: { name: "Nope" } })).status).toBe(403);
  });
});
