import { assertCan, type Actor } from "@/lib/auth/actor";
import { listCredentialUsage, type CredentialUsage } from "@/lib/credentials/list-credential-usage";
import { getDb, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";

/** The workflows (draft or active version) whose nodes use one credential of the workspace. */
export async function getCredentialUsage(actor: Actor, { credentialId }: { credentialId: string }, { tx }: { tx?: Tx } = {}): Promise<{ credential: { id: string; name: string }; usage: CredentialUsage[] }> {
  assertCan(actor, "credentials.manage");
  const credential = await (tx ?? getDb()).credential.findFirst({ where: { id: credentialId, workspaceId: actor.workspaceId }, select: { id: true, name: true } });
  if (!credential) throw new AppError("not_found", "Credential not found.");
  return { credential, usage: await listCredentialUsage(actor, { credentialId }, { tx }) };
}
