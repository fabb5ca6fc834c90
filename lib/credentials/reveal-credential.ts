import { openSecret } from "@/lib/credentials/secret-box";
import { getDb } from "@/lib/db";
import { NodeExecutionError } from "@/lib/engine/types";

/** The plaintext for a running execution of `workspaceId` only (never for API answers). */
export async function revealCredential({ workspaceId, credentialId }: { workspaceId: string; credentialId: string }): Promise<string> {
  const credential = await getDb().credential.findFirst({ where: { id: credentialId, workspaceId }, select: { id: true, secret: true } });
  if (!credential) throw new NodeExecutionError(`Credential "${credentialId}" does not exist in this workspace.`);
  return openSecret(credential.secret, credential.id);
}
