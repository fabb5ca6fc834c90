import { assertCan, type Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { CREDENTIAL_ADMIN_VIEW, CREDENTIAL_VIEW } from "@/lib/credentials/create-credential";
import { listCredentialUsage } from "@/lib/credentials/list-credential-usage";
import { listKnowledgeBaseEmbeddingUses } from "@/lib/credentials/list-knowledge-base-embedding-uses";
import { getDb } from "@/lib/db";

export type CredentialListItem = {
  id: string;
  name: string;
  provider: string;
  createdAt: Date;
  updatedAt: Date;
  /** Admins only. */
  baseUrl?: string | null;
  lastUsedAt?: Date | null;
  rotatedAt?: Date | null;
  usedBy?: { workflowId: string; workflowName: string }[];
  usedByKnowledgeBases?: { knowledgeBaseId: string; name: string }[];
};

/**
 * Names and providers for pickers (editors choose credentials in nodes); admins also get the base
 * URL, when it was last used and rotated, and the workflows and knowledge bases using it. Never
 * secrets. `pickerOnly`: names and providers for everyone (no usage scan).
 */
export async function listCredentials(actor: Actor, { pickerOnly = false }: { pickerOnly?: boolean } = {}): Promise<CredentialListItem[]> {
  assertCan(actor, "workflows.read");
  const db = getDb();
  if (pickerOnly || !can(actor.role, "credentials.manage")) {
    return db.credential.findMany({ where: { workspaceId: actor.workspaceId }, orderBy: { name: "asc" }, select: CREDENTIAL_VIEW });
  }
  const [credentials, usage, knowledgeBases] = await Promise.all([
    db.credential.findMany({ where: { workspaceId: actor.workspaceId }, orderBy: { name: "asc" }, select: CREDENTIAL_ADMIN_VIEW }),
    listCredentialUsage(actor),
    listKnowledgeBaseEmbeddingUses(actor),
  ]);
  return credentials.map((credential) => ({
    ...credential,
    usedBy: usage.filter((entry) => entry.credentialId === credential.id).map(({ workflowId, workflowName }) => ({ workflowId, workflowName })),
    usedByKnowledgeBases: knowledgeBases.filter((base) => base.credentialId === credential.id).map(({ knowledgeBaseId, name }) => ({ knowledgeBaseId, name })),
  }));
}
