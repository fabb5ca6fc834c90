import { activityActor, assertCan, type Actor } from "@/lib/auth/actor";
import { hasRole, type Role } from "@/lib/auth/roles";
import { generateToken, hashToken } from "@/lib/auth/tokens";
import { recordActivity } from "@/lib/activity/record-activity";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";

export const API_KEY_PREFIX = "agk_";

/** A workspace key with a role no higher than its creator's; the key is returned once. */
export async function createApiKey(actor: Actor, { name, role }: { name: string; role: Role }) {
  assertCan(actor, "api_keys.manage");
  if (role === "owner" || !hasRole(actor.role, role)) throw new AppError("forbidden", `You cannot create a key with the ${role} role.`);
  const key = `${API_KEY_PREFIX}${generateToken(30)}`;
  const apiKey = await getDb().$transaction(async (tx) => {
    const created = await tx.apiKey.create({
      data: { workspaceId: actor.workspaceId, name, role, prefix: key.slice(0, 12), keyHash: hashToken(key), createdById: actor.userId },
      select: { id: true, name: true, prefix: true, role: true, createdAt: true, lastUsedAt: true },
    });
    await recordActivity(
      { workspaceId: actor.workspaceId, actor: activityActor(actor), action: "api_key.created", targetType: "api_key", targetId: created.id, data: { name, role, prefix: created.prefix } },
      { tx },
    );
    return created;
  });
  return { apiKey, key };
}
