import { assertCan, type Actor } from "@/lib/auth/actor";
import { searchKnowledge } from "@/lib/knowledge/search-knowledge";
import type { SearchKnowledgeBaseInput } from "@/lib/schemas/knowledge";

/** Search for a member or API key of the workspace (viewers may search). */
export async function searchKnowledgeBase(actor: Actor, { knowledgeBaseId, input }: { knowledgeBaseId: string; input: SearchKnowledgeBaseInput }) {
  assertCan(actor, "knowledge.read");
  return searchKnowledge({ workspaceId: actor.workspaceId, knowledgeBaseId, input });
}
