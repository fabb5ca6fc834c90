import { assertCan, type Actor } from "@/lib/auth/actor";
import { getDb, type Tx } from "@/lib/db";
import { knowledgeBaseView } from "@/lib/knowledge/knowledge-base-view";

/** The workspace's knowledge bases, by name. */
export async function listKnowledgeBases(actor: Actor, { tx }: { tx?: Tx } = {}) {
  assertCan(actor, "knowledge.read");
  const rows = await (tx ?? getDb()).knowledgeBase.findMany({ where: { workspaceId: actor.workspaceId }, orderBy: { name: "asc" }, include: { _count: { select: { documents: true, chunks: true } } } });
  return rows.map(knowledgeBaseView);
}
