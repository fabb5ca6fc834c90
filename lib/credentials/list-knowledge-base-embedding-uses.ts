import { assertCan, type Actor } from "@/lib/auth/actor";
import { getDb, type Tx } from "@/lib/db";

export type KnowledgeBaseUse = { credentialId: string; knowledgeBaseId: string; name: string };

/** The workspace's knowledge bases that embed with a credential (`credentialId` narrows it to one), by name. */
export async function listKnowledgeBaseEmbeddingUses(actor: Actor, { credentialId }: { credentialId?: string } = {}, { tx }: { tx?: Tx } = {}): Promise<KnowledgeBaseUse[]> {
  assertCan(actor, "workflows.read");
  const rows = await (tx ?? getDb()).knowledgeBase.findMany({
    where: { workspaceId: actor.workspaceId, embeddingCredentialId: credentialId ?? { not: null } },
    orderBy: { name: "asc" },
    select: { id: true, name: true, embeddingCredentialId: true },
  });
  return rows.map((row) => ({ credentialId: row.embeddingCredentialId!, knowledgeBaseId: row.id, name: row.name }));
}
