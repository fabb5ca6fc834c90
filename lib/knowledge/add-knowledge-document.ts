import { assertCan, type Actor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { getEnv } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma/client";
import { enqueueIngestion } from "@/lib/knowledge/enqueue-ingestion";
import { KNOWLEDGE_DOCUMENT_SELECT } from "@/lib/knowledge/knowledge-base-view";
import { DOCUMENT_TYPES, sniffDocumentType } from "@/lib/knowledge/sniff-document-type";
import { createOutboundPolicy, OutboundError } from "@/lib/outbound/outbound-policy";
import { KNOWLEDGE_MAX_FILE_BYTES } from "@/lib/schemas/knowledge";

export type NewKnowledgeDocument =
  | { kind: "file"; name: string; bytes: Uint8Array; declaredType?: string; metadata?: Record<string, unknown> }
  | { kind: "url"; url: string; name?: string; metadata?: Record<string, unknown> }
  | { kind: "text"; text: string; name: string; metadata?: Record<string, unknown> };

/**
 * Adds a document to a knowledge base and queues its ingestion. Files are checked here, so a bad
 * one is a 4xx naming the problem (over 20 MB: 413; not txt/md/html/pdf/docx: 415; a PDF that
 * does not open: 422); URLs must pass the outbound policy's static checks (they are fetched by
 * the job, through the policy).
 */
export async function addKnowledgeDocument(actor: Actor, { knowledgeBaseId, document }: { knowledgeBaseId: string; document: NewKnowledgeDocument }) {
  assertCan(actor, "knowledge.write");
  const db = getDb();
  const knowledgeBase = await db.knowledgeBase.findFirst({ where: { id: knowledgeBaseId, workspaceId: actor.workspaceId }, select: { id: true } });
  if (!knowledgeBase) throw new AppError("not_found", "Knowledge base not found.");

  let source: { name: string; sourceType: string; sourceUrl: string | null; mimeType: string; bytes: Uint8Array | null };
  if (document.kind === "file") {
    if (document.bytes.length > KNOWLEDGE_MAX_FILE_BYTES) throw new AppError("payload_too_large", `"${document.name}" is larger than 20 MB.`);
    const mimeType = sniffDocumentType(document.bytes, { name: document.name, declaredType: document.declaredType });
    if (mimeType === DOCUMENT_TYPES.pdf) await assertPdfOpens(document.bytes, document.name);
    source = { name: document.name, sourceType: "upload", sourceUrl: null, mimeType, bytes: document.bytes };
  } else if (document.kind === "url") {
    let url: URL;
    try {
      url = createOutboundPolicy({ allow: getEnv().AGENTRY_HTTP_ALLOW }).assertAllowedUrl(document.url);
    } catch (error) {
      if (error instanceof OutboundError) throw new AppError("bad_request", error.message, { errors: [{ path: "body.url", message: error.message }] });
      throw error;
    }
    source = { name: document.name ?? url.href, sourceType: "url", sourceUrl: url.href, mimeType: DOCUMENT_TYPES.html, bytes: null };
  } else {
    source = { name: document.name, sourceType: "text", sourceUrl: null, mimeType: DOCUMENT_TYPES.md, bytes: Buffer.from(document.text, "utf8") };
  }

  const created = await db.knowledgeDocument.create({
    data: {
      workspaceId: actor.workspaceId, knowledgeBaseId, name: source.name.slice(0, 300), sourceType: source.sourceType, sourceUrl: source.sourceUrl, mimeType: source.mimeType,
      sizeBytes: source.bytes?.length ?? 0, metadata: (document.metadata ?? {}) as Prisma.InputJsonValue, createdById: actor.userId,
      ...(source.bytes ? { file: { create: { bytes: new Uint8Array(source.bytes) } } } : {}),
    },
    select: KNOWLEDGE_DOCUMENT_SELECT,
  });
  await enqueueIngestion(created.id);
  return created;
}

async function assertPdfOpens(bytes: Uint8Array, name: string) {
  const { getDocumentProxy } = await import("unpdf");
  try {
    const pdf = await getDocumentProxy(new Uint8Array(bytes));
    await pdf.cleanup();
  } catch (error) {
    const reason = (error as { name?: string }).name === "PasswordException" ? "it is password-protected" : "it is damaged or not really a PDF";
    throw new AppError("unprocessable", `"${name}" cannot be read: ${reason}.`);
  }
}
