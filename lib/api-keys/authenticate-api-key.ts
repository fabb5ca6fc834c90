import type { Actor } from "@/lib/auth/actor";
import { hashToken } from "@/lib/auth/tokens";
import { getDb } from "@/lib/db";

const LAST_USED_PRECISION_MS = 60_000;

/** The actor behind a bearer key, or null for an unknown or revoked key. */
export async function authenticateApiKey(key: string): Promise<Actor | null> {
  const db = getDb();
  const apiKey = await db.apiKey.findUnique({ where: { keyHash: hashToken(key) }, select: { id: true, workspaceId: true, role: true, revokedAt: true, lastUsedAt: true } });
  if (!apiKey || apiKey.revokedAt) return null;
  // Recording every request would make each call a write; a minute's precision is enough.
  if (!apiKey.lastUsedAt || Date.now() - apiKey.lastUsedAt.getTime() > LAST_USED_PRECISION_MS) {
    await db.apiKey.update({ where: { id: apiKey.id }, data: { lastUsedAt: new Date() } });
  }
  return { kind: "api_key", userId: null, apiKeyId: apiKey.id, workspaceId: apiKey.workspaceId, role: apiKey.role };
}
