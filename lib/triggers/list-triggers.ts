import { assertCan, type Actor } from "@/lib/auth/actor";
import { openSecret } from "@/lib/credentials/secret-box";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { describeSchedule } from "@/lib/triggers/describe-schedule";

type TriggerRow = { id: string; nodeId: string; type: string; secret: string | null; cron: string | null; timezone: string | null; nextRunAt: Date | null; lastFiredAt: Date | null; enabled: boolean };

/** One trigger as the API shows it: a webhook's URL and secret, a schedule's next runs. */
export function presentTrigger(trigger: TriggerRow, baseUrl: string, now = new Date()) {
  if (trigger.type === "webhook") {
    return { id: trigger.id, nodeId: trigger.nodeId, type: "webhook" as const, url: new URL(`/api/v1/hooks/${trigger.id}`, baseUrl).toString(), secret: openSecret(trigger.secret!, trigger.id), enabled: trigger.enabled };
  }
  const timezone = trigger.timezone ?? "UTC";
  const { description, nextRunTimes } = describeSchedule({ cron: trigger.cron ?? "", timezone }, { after: now });
  return { id: trigger.id, nodeId: trigger.nodeId, type: "schedule" as const, cron: trigger.cron, timezone: trigger.timezone, description, nextRunAt: trigger.enabled ? trigger.nextRunAt : null, nextRunTimes: trigger.enabled ? nextRunTimes : [], lastFiredAt: trigger.lastFiredAt, enabled: trigger.enabled };
}

/** The workflow's webhooks (URL and secret, for editors) and schedules (next runs). */
export async function listTriggers(actor: Actor, { workflowId, baseUrl }: { workflowId: string; baseUrl: string }) {
  assertCan(actor, "workflows.write");
  const workflow = await getDb().workflow.findFirst({ where: { id: workflowId, workspaceId: actor.workspaceId }, select: { id: true } });
  if (!workflow) throw new AppError("not_found", "Workflow not found.");
  const triggers = await getDb().trigger.findMany({ where: { workflowId }, orderBy: { createdAt: "asc" } });
  const now = new Date();
  return triggers.map((trigger) => presentTrigger(trigger, baseUrl, now));
}
