import { json, param, route } from "@/lib/http/route";
import { searchKnowledgeBase } from "@/lib/knowledge/search-knowledge-base";
import { searchKnowledgeBaseSchema } from "@/lib/schemas/knowledge";

export const POST = route({ auth: { role: "viewer" }, body: searchKnowledgeBaseSchema }, async ({ actor, params, body }) => json(await searchKnowledgeBase(actor, { knowledgeBaseId: param(params, "id"), input: body })));
