import { json, param, route } from "@/lib/http/route";
import { reingestKnowledgeDocument } from "@/lib/knowledge/reingest-knowledge-document";

export const POST = route({ auth: { role: "editor" } }, async ({ actor, params }) => json(await reingestKnowledgeDocument(actor, { knowledgeBaseId: param(params, "id"), documentId: param(params, "documentId") }), { status: 202 }));
