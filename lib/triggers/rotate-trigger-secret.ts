import { activityActor, assertCan, type Actor } from "@/lib/auth/actor";
import { recordActivity } from "@/lib/activity/record-activity";
import { generateToken } from "@/lib/auth/tokens";
import { sealSecret } from "@/lib/credentials/secret-box";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { findTrigger } from "@/lib/triggers/find-trigger";
import { presentTrigger } from "@/lib/triggers/list-triggers";

/** Gives a webhook a new secret; the old one stops working at once. */
export async function rotateTriggerSecret(actor: Actor, { workflowId, triggerId, baseUrl }: { workflowId: string; triggerId: string; baseUrl: string }) {
  assertCan(actor, "workflows.write");
  const trigger = await findTrigger(actor, { workflowId, triggerId });
  if (trigger.type !== "webhook") throw new AppError("conflict", "Only webhooks have a secret.");
  const updated = await getDb().trigger.update({ where: { id: trigger.id }, data: { secret: sealSecret(generateToken(24), trigger.id) } });
  await recordActivity({ workspaceId: actor.workspaceId, actor: activityActor(actor), action: "trigger.secret_rotated", targetType: "workflow", targetId: workflowId, data: { triggerId } });
  return presentTrigger(updated, baseUrl);
}
