import { json, param, route } from "@/lib/http/route";
import { addKnowledgeDocument } from "@/lib/knowledge/add-knowledge-document";
import { listKnowledgeDocuments } from "@/lib/knowledge/list-knowledge-documents";
import { readDocumentUpload } from "@/lib/knowledge/read-document-upload";
import { addKnowledgeDocumentSchema } from "@/lib/schemas/knowledge";

export const GET = route({ auth: { role: "viewer" } }, async ({ actor, params }) => json({ items: await listKnowledgeDocuments(actor, { knowledgeBaseId: param(params, "id") }) }));

// JSON { url } / { text, name } (checked like every JSON body), or multipart/form-data with a file (≤ 20 MB): 202, ingested in the background.
export const POST = route({ auth: { role: "editor" }, body: addKnowledgeDocumentSchema, multipart: true }, async ({ actor, params, request, body }) => {
  const knowledgeBaseId = param(params, "id");
  const document = body ? ("url" in body ? { kind: "url" as const, ...body } : { kind: "text" as const, ...body }) : await readDocumentUpload(request);
  return json(await addKnowledgeDocument(actor, { knowledgeBaseId, document }), { status: 202 });
});
