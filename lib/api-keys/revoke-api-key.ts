import { activityActor, assertCan, type Actor } from "@/lib/auth/actor";
import { recordActivity } from "@/lib/activity/record-activity";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";

export async function revokeApiKey(actor: Actor, { apiKeyId }: { apiKeyId: string }) {
  assertCan(actor, "api_keys.manage");
  await getDb().$transaction(async (tx) => {
    const key = await tx.apiKey.findFirst({ where: { id: apiKeyId, workspaceId: actor.workspaceId, revokedAt: null } });
    if (!key) throw new AppError("not_found", "API key not found.");
    await tx.apiKey.update({ where: { id: key.id }, data: { revokedAt: new Date() } });
    await recordActivity(
      { workspaceId: actor.workspaceId, actor: activityActor(actor), action: "api_key.revoked", targetType: "api_key", targetId: key.id, data: { name: key.name, prefix: key.prefix } },
      { tx },
    );
  });
}
