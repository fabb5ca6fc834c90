import { assertCan, type Actor } from "@/lib/auth/actor";
import { listCredentialUsage, type CredentialUsage } from "@/lib/credentials/list-credential-usage";
import { getDb, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";

export type KnowledgeBaseUse = { knowledgeBaseId: string; name: string };

/** The workflows (draft or active version) whose nodes use one credential of the workspace, and the knowledge bases that embed with it. */
export async function getCredentialUsage(actor: Actor, { credentialId }: { credentialId: string }, { tx }: { tx?: Tx } = {}): Promise<{ credential: { id: string; name: string }; usage: CredentialUsage[]; knowledgeBases: KnowledgeBaseUse[] }> {
  assertCan(actor, "credentials.manage");
  const db = tx ?? getDb();
  const credential = await db.credential.findFirst({ where: { id: credentialId, workspaceId: actor.workspaceId }, select: { id: true, name: true } });
  if (!credential) throw new AppError("not_found", "Credential not found.");
  const [usage, knowledgeBases] = await Promise.all([
    listCredentialUsage(actor, { credentialId }, { tx }),
    db.knowledgeBase.findMany({ where: { workspaceId: actor.workspaceId, embeddingCredentialId: credentialId }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
  ]);
  return { credential, usage, knowledgeBases: knowledgeBases.map(({ id, name }) => ({ knowledgeBaseId: id, name })) };
}
