import { json, noContent, param, route } from "@/lib/http/route";
import { deleteKnowledgeBase } from "@/lib/knowledge/delete-knowledge-base";
import { getKnowledgeBase } from "@/lib/knowledge/get-knowledge-base";
import { updateKnowledgeBase } from "@/lib/knowledge/update-knowledge-base";
import { updateKnowledgeBaseSchema } from "@/lib/schemas/knowledge";

export const GET = route({ auth: { role: "viewer" } }, async ({ actor, params }) => json(await getKnowledgeBase(actor, { knowledgeBaseId: param(params, "id") })));

export const PATCH = route({ auth: { role: "editor" }, body: updateKnowledgeBaseSchema }, async ({ actor, params, body }) => json(await updateKnowledgeBase(actor, { knowledgeBaseId: param(params, "id"), ...body })));

export const DELETE = route({ auth: { role: "editor" } }, async ({ actor, params }) => {
  await deleteKnowledgeBase(actor, { knowledgeBaseId: param(params, "id") });
  return noContent();
});
