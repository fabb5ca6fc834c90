import { InngestTestEngine } from "@inngest/test";
import { describe, expect, it } from "vitest";
import { ingestKnowledgeDocumentFunction } from "@/inngest/functions/ingest-knowledge-document";
import { getDb } from "@/lib/db";
import { KNOWLEDGE_INGEST_REQUESTED } from "@/lib/jobs/events";
import { createTeam } from "@/scripts/testing/fixtures";

describe("knowledge ingestion on Inngest (through @inngest/test)", () => {
  it("parses, chunks and stores a document with Inngest's steps; a second delivery changes nothing", async () => {
    const { workspace } = await createTeam();
    const db = getDb();
    const kb = await db.knowledgeBase.create({ data: { workspaceId: workspace.id, name: "On Inngest", chunkTokens: 60, chunkOverlap: 10 } });
    const text = "# Harbour\n\nThe ferry leaves at nine.\n\n## Tickets\n\nBuy tickets at the kiosk on the pier before boarding.";
    // Leased far ahead, so no local worker would claim it: only the Inngest function runs it.
    const document = await db.knowledgeDocument.create({
      data: { workspaceId: workspace.id, knowledgeBaseId: kb.id, name: "harbour.md", sourceType: "text", mimeType: "text/markdown", leaseOwner: "inngest", leaseExpiresAt: new Date(Date.now() + 3600_000), file: { create: { bytes: new Uint8Array(Buffer.from(text)) } } },
    });
    const engine = new InngestTestEngine({ function: ingestKnowledgeDocumentFunction, events: [{ name: KNOWLEDGE_INGEST_REQUESTED, data: { documentId: document.id } }] });
    const { result, error } = await engine.execute();
    expect(error).toBeUndefined();
    expect(result).toEqual({ status: "ready" });
    expect(await db.knowledgeDocument.findUniqueOrThrow({ where: { id: document.id } })).toMatchObject({ status: "ready", progress: 1, chunkCount: 2, error: null });
    const chunks = await db.knowledgeChunk.findMany({ where: { documentId: document.id }, orderBy: { position: "asc" } });
    expect(chunks.map((chunk) => chunk.heading)).toEqual(["Harbour", "Harbour > Tickets"]);

    const again = await new InngestTestEngine({ function: ingestKnowledgeDocumentFunction, events: [{ name: KNOWLEDGE_INGEST_REQUESTED, data: { documentId: document.id } }] }).execute();
    expect(again.result).toEqual({ status: "ready" });
    expect((await db.knowledgeChunk.findMany({ where: { documentId: document.id }, orderBy: { position: "asc" } })).map((chunk) => chunk.id)).toEqual(chunks.map((chunk) => chunk.id));
  });
});
