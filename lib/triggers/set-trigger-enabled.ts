import { activityActor, assertCan, type Actor } from "@/lib/auth/actor";
import { recordActivity } from "@/lib/activity/record-activity";
import { getDb } from "@/lib/db";
import { nextRunAfter } from "@/lib/engine/nodes/schedule-trigger/schema";
import { findTrigger } from "@/lib/triggers/find-trigger";
import { presentTrigger } from "@/lib/triggers/list-triggers";

/**
 * Enables or disables (pauses) a trigger. A disabled webhook answers 409; a paused schedule does
 * not fire, and when resumed it continues from now (slots missed while paused do not fire).
 */
export async function setTriggerEnabled(actor: Actor, { workflowId, triggerId, enabled, baseUrl, now = new Date() }: { workflowId: string; triggerId: string; enabled: boolean; baseUrl: string; now?: Date }) {
  assertCan(actor, "workflows.write");
  const trigger = await findTrigger(actor, { workflowId, triggerId });
  const resumeAt = enabled && trigger.type === "schedule" && trigger.cron ? nextRunAfter({ cron: trigger.cron, timezone: trigger.timezone ?? "UTC" }, now) : undefined;
  const updated = await getDb().trigger.update({ where: { id: trigger.id }, data: { enabled, ...(resumeAt && !trigger.enabled ? { nextRunAt: resumeAt } : {}) } });
  if (trigger.enabled !== enabled) {
    await recordActivity({ workspaceId: actor.workspaceId, actor: activityActor(actor), action: enabled ? "trigger.enabled" : "trigger.disabled", targetType: "workflow", targetId: workflowId, data: { triggerId, type: trigger.type } });
  }
  return presentTrigger(updated, baseUrl, now);
}
