import { assertCan, type Actor } from "@/lib/auth/actor";
import { openSecret } from "@/lib/credentials/secret-box";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";

/** The workflow's webhooks (URL and secret, for editors) and schedules (next run). */
export async function listTriggers(actor: Actor, { workflowId, baseUrl }: { workflowId: string; baseUrl: string }) {
  assertCan(actor, "workflows.write");
  const workflow = await getDb().workflow.findFirst({ where: { id: workflowId, workspaceId: actor.workspaceId }, select: { id: true } });
  if (!workflow) throw new AppError("not_found", "Workflow not found.");
  const triggers = await getDb().trigger.findMany({ where: { workflowId }, orderBy: { createdAt: "asc" } });
  return triggers.map((trigger) =>
    trigger.type === "webhook"
      ? { id: trigger.id, nodeId: trigger.nodeId, type: "webhook" as const, url: new URL(`/api/v1/hooks/${trigger.id}`, baseUrl).toString(), secret: openSecret(trigger.secret!, trigger.id), enabled: trigger.enabled }
      : { id: trigger.id, nodeId: trigger.nodeId, type: "schedule" as const, cron: trigger.cron, timezone: trigger.timezone, nextRunAt: trigger.nextRunAt, lastFiredAt: trigger.lastFiredAt, enabled: trigger.enabled },
  );
}
