import { assertCan, type Actor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";

/** Active keys: name, visible prefix, role, creator and last use — never the key. */
export async function listApiKeys(actor: Actor) {
  assertCan(actor, "api_keys.manage");
  return getDb().apiKey.findMany({
    where: { workspaceId: actor.workspaceId, revokedAt: null },
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, prefix: true, role: true, createdAt: true, lastUsedAt: true, createdBy: { select: { email: true } } },
  });
}
