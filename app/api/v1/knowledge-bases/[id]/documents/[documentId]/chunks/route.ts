import { json, param, route } from "@/lib/http/route";
import { listKnowledgeChunks } from "@/lib/knowledge/list-knowledge-chunks";
import { listKnowledgeChunksQuerySchema } from "@/lib/schemas/knowledge";

export const GET = route({ auth: { role: "viewer" }, query: listKnowledgeChunksQuerySchema }, async ({ actor, params, query }) =>
  json({ items: await listKnowledgeChunks(actor, { knowledgeBaseId: param(params, "id"), documentId: param(params, "documentId"), ...query }) }),
);
