import { sealSecret } from "@/lib/credentials/secret-box";
import { generateToken } from "@/lib/auth/tokens";
import type { Tx } from "@/lib/db";
import { nextRunAfter, scheduleTriggerConfigSchema } from "@/lib/engine/nodes/schedule-trigger/schema";
import type { WorkflowGraph } from "@/lib/schemas/workflow";
import crypto from "node:crypto";

/**
 * Makes the workflow's Trigger rows match the trigger nodes of the version being activated:
 * webhooks keep their id and secret across publishes; schedules get their next run; triggers
 * whose node is gone are removed.
 */
export async function syncTriggers(tx: Tx, { workspaceId, workflowId, graph, now = new Date() }: { workspaceId: string; workflowId: string; graph: WorkflowGraph; now?: Date }) {
  const wanted = graph.nodes.filter((node) => node.type === "trigger.webhook" || node.type === "trigger.schedule");
  await tx.trigger.deleteMany({ where: { workflowId, nodeId: { notIn: wanted.map((node) => node.id) } } });
  for (const node of wanted) {
    const existing = await tx.trigger.findUnique({ where: { workflowId_nodeId: { workflowId, nodeId: node.id } } });
    if (node.type === "trigger.webhook") {
      if (existing?.type === "webhook") continue;
      if (existing) await tx.trigger.delete({ where: { id: existing.id } });
      const id = crypto.randomUUID();
      await tx.trigger.create({ data: { id, workspaceId, workflowId, nodeId: node.id, type: "webhook", secret: sealSecret(generateToken(24), id) } });
    } else {
      const config = scheduleTriggerConfigSchema.parse(node.data.config ?? {});
      const nextRunAt = nextRunAfter(config, now);
      // A paused schedule stays paused across publishes (enabled is only set when it is created).
      const data = { type: "schedule", cron: config.cron, timezone: config.timezone, nextRunAt, secret: null };
      if (existing) await tx.trigger.update({ where: { id: existing.id }, data });
      else await tx.trigger.create({ data: { workspaceId, workflowId, nodeId: node.id, ...data } });
    }
  }
}
