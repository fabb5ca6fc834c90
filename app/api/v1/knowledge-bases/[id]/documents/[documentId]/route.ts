import { json, noContent, param, route } from "@/lib/http/route";
import { deleteKnowledgeDocument } from "@/lib/knowledge/delete-knowledge-document";
import { getKnowledgeDocument } from "@/lib/knowledge/get-knowledge-document";

export const GET = route({ auth: { role: "viewer" } }, async ({ actor, params }) => json(await getKnowledgeDocument(actor, { knowledgeBaseId: param(params, "id"), documentId: param(params, "documentId") })));

export const DELETE = route({ auth: { role: "editor" } }, async ({ actor, params }) => {
  await deleteKnowledgeDocument(actor, { knowledgeBaseId: param(params, "id"), documentId: param(params, "documentId") });
  return noContent();
});
