import { assertCan, type Actor } from "@/lib/auth/actor";
import { listCredentialUsage, type CredentialUsage } from "@/lib/credentials/list-credential-usage";
import { listKnowledgeBaseEmbeddingUses } from "@/lib/credentials/list-knowledge-base-embedding-uses";
import { getDb, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";

/** The workflows (draft or active version) whose nodes use one credential of the workspace, and the knowledge bases that embed with it. */
export async function getCredentialUsage(actor: Actor, { credentialId }: { credentialId: string }, { tx }: { tx?: Tx } = {}): Promise<{ credential: { id: string; name: string }; usage: CredentialUsage[]; knowledgeBases: { knowledgeBaseId: string; name: string }[] }> {
  assertCan(actor, "credentials.manage");
  const credential = await (tx ?? getDb()).credential.findFirst({ where: { id: credentialId, workspaceId: actor.workspaceId }, select: { id: true, name: true } });
  if (!credential) throw new AppError("not_found", "Credential not found.");
  const [usage, knowledgeBases] = await Promise.all([listCredentialUsage(actor, { credentialId }, { tx }), listKnowledgeBaseEmbeddingUses(actor, { credentialId }, { tx })]);
  return { credential, usage, knowledgeBases: knowledgeBases.map(({ knowledgeBaseId, name }) => ({ knowledgeBaseId, name })) };
}
