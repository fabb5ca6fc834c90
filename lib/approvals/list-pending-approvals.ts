import { assertCan, type Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { getDb, type Tx } from "@/lib/db";
import { APPROVAL_EVENT } from "@/lib/engine/nodes/approval/schema";
import { ACTIVE_STATUSES } from "@/lib/schemas/execution";

export type PendingApproval = {
  executionId: string;
  nodeId: string;
  nodeLabel: string;
  /** The node's message: as the run resolved it when the approval was emailed, else as configured. */
  message: string;
  workflowId: string;
  workflowName: string;
  trigger: string;
  input: unknown;
  waitingSince: Date;
};

type GraphShape = { nodes?: { id: string; type: string; data?: { label?: string; config?: { message?: unknown } } }[] };

/**
 * Every approval node of the workspace that waits for a decision now, newest first: an active
 * run announced `node.waiting` for it, nobody decided it yet, and the node has not finished
 * (a timeout ends it). Read from the run's events, so both job drivers and older runs count.
 */
export async function listPendingApprovals(actor: Actor, { workflowId, executionId, tx }: { workflowId?: string; executionId?: string; tx?: Tx } = {}) {
  assertCan(actor, "workflows.read");
  const db = tx ?? getDb();
  const executions = await db.execution.findMany({
    where: {
      workspaceId: actor.workspaceId,
      status: { in: [...ACTIVE_STATUSES] },
      ...(workflowId ? { workflowId } : {}),
      ...(executionId ? { id: executionId } : {}),
      events: { some: { type: "node.waiting" } },
    },
    orderBy: { createdAt: "desc" },
    take: 500,
    select: {
      id: true,
      workflowId: true,
      trigger: true,
      input: true,
      workflow: { select: { name: true } },
      workflowVersion: { select: { graph: true } },
      events: { where: { type: { in: ["node.waiting", "node.completed", "node.failed"] } }, orderBy: { seq: "asc" }, select: { type: true, nodeId: true, createdAt: true } },
      signals: { where: { event: APPROVAL_EVENT }, select: { match: true } },
      // Emailed approvals stored the message as the run resolved it ({{ … }} filled in).
      approvalTokens: { select: { nodeId: true, message: true }, distinct: ["nodeId"] },
    },
  });
  const items: PendingApproval[] = [];
  for (const execution of executions) {
    const decided = new Set(execution.signals.map((signal) => signal.match));
    const waiting = new Map<string, Date>();
    for (const event of execution.events) {
      if (!event.nodeId) continue;
      if (event.type === "node.waiting") waiting.set(event.nodeId, event.createdAt);
      else waiting.delete(event.nodeId);
    }
    const graph = execution.workflowVersion.graph as GraphShape;
    for (const [nodeId, since] of waiting) {
      if (decided.has(nodeId)) continue;
      const node = graph.nodes?.find((candidate) => candidate.id === nodeId && candidate.type === "human.approval");
      if (!node) continue;
      const resolved = execution.approvalTokens.find((token) => token.nodeId === nodeId)?.message;
      const message = resolved || (typeof node.data?.config?.message === "string" ? node.data.config.message : "Approve to continue.");
      items.push({ executionId: execution.id, nodeId, nodeLabel: node.data?.label || nodeId, message, workflowId: execution.workflowId, workflowName: execution.workflow.name, trigger: execution.trigger, input: execution.input, waitingSince: since });
    }
  }
  items.sort((a, b) => b.waitingSince.getTime() - a.waitingSince.getTime());
  return { items, canDecide: can(actor.role, "executions.run") };
}
