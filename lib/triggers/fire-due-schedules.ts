import { workspaceActor } from "@/lib/auth/workspace-actor";
import { getDb } from "@/lib/db";
import { nextRunAfter } from "@/lib/engine/nodes/schedule-trigger/schema";
import { startExecution } from "@/lib/executions/start-execution";

/**
 * Starts the runs of every schedule that is due. Each run's idempotency key names the trigger
 * and the slot, and the slot only moves on after the run exists — so a schedule never fires twice
 * for one slot, across restarts and processes. Slots missed while nothing ran fire once, then the
 * schedule continues from now.
 */
export async function fireDueSchedules(now: Date = new Date()): Promise<string[]> {
  const db = getDb();
  const due = await db.trigger.findMany({ where: { type: "schedule", enabled: true, nextRunAt: { lte: now } }, orderBy: { nextRunAt: "asc" }, take: 100 });
  const started: string[] = [];
  for (const trigger of due) {
    const slot = trigger.nextRunAt!;
    try {
      const execution = await startExecution(workspaceActor(trigger.workspaceId), {
        workflowId: trigger.workflowId,
        input: { scheduledAt: slot.toISOString(), cron: trigger.cron, timezone: trigger.timezone },
        trigger: "schedule",
        triggerNodeId: trigger.nodeId,
        idempotencyKey: `schedule:${trigger.id}:${slot.toISOString()}`,
      });
      if (execution.created) started.push(execution.id);
    } catch (error) {
      console.error(`[agentry] schedule ${trigger.id} could not start its run`, error);
    }
    const next = nextRunAfter({ cron: trigger.cron!, timezone: trigger.timezone ?? "UTC" }, now > slot ? now : slot);
    await db.trigger.updateMany({ where: { id: trigger.id, nextRunAt: slot }, data: { nextRunAt: next, lastFiredAt: slot } });
  }
  return started;
}
