import { openSecret } from "@/lib/credentials/secret-box";
import { getDb } from "@/lib/db";
import { NodeExecutionError } from "@/lib/engine/types";

const LAST_USED_PRECISION_MS = 60_000;

/**
 * The plaintext (and base URL) for a running execution of `workspaceId` only — never for API
 * answers. Records when the credential was last used (at most once a minute).
 */
export async function revealCredential({ workspaceId, credentialId }: { workspaceId: string; credentialId: string }): Promise<{ secret: string; baseUrl: string | null }> {
  const db = getDb();
  const credential = await db.credential.findFirst({ where: { id: credentialId, workspaceId }, select: { id: true, secret: true, baseUrl: true, lastUsedAt: true } });
  if (!credential) throw new NodeExecutionError("This node's credential no longer exists in this workspace (deleted?): choose another one in the editor.");
  const secret = openSecret(credential.secret, credential.id);
  if (!credential.lastUsedAt || Date.now() - credential.lastUsedAt.getTime() > LAST_USED_PRECISION_MS) {
    // Not through Prisma's update: that would also move updatedAt, which says when it was edited.
    await db.$executeRaw`UPDATE "Credential" SET "lastUsedAt" = now() WHERE id = ${credential.id}`;
  }
  return { secret, baseUrl: credential.baseUrl };
}
