import { APPROVAL_REQUESTED_EVENT } from "@/lib/approvals/request-approval";
import { getDb, type Tx } from "@/lib/db";
import { APPROVAL_EVENT } from "@/lib/engine/nodes/approval/schema";
import { ACTIVE_STATUSES } from "@/lib/schemas/execution";

export type PendingApproval = {
  executionId: string;
  nodeId: string;
  nodeLabel: string;
  /** The node's message as the run resolved it ({{ … }} filled in), stored when it started waiting. */
  message: string;
  workflowId: string;
  workflowName: string;
  trigger: string;
  input: unknown;
  waitingSince: Date;
};

type GraphShape = { nodes?: { id: string; type: string; data?: { label?: string } }[] };

/**
 * Every approval node of a workspace that waits for a decision now, newest first: its request is
 * stored (lib/approvals/request-approval.ts), nobody decided it, its run is active and announced
 * `node.waiting` for it, and the node has not finished since (a timeout ends it). No permission
 * check: callers are list-pending-approvals (a member) and the workspace feed (its subscribers).
 * `undecided`: the active runs with a request nobody decided — listed or about to be (the run's
 * `node.waiting` may be stored after the request), or ended by a timeout; their next events may
 * change the list.
 */
export async function readPendingApprovals({ workspaceId, workflowId, executionId, tx }: { workspaceId: string; workflowId?: string; executionId?: string; tx?: Tx }): Promise<{ items: PendingApproval[]; undecided: string[] }> {
  const db = tx ?? getDb();
  const executions = await db.execution.findMany({
    where: {
      workspaceId,
      status: { in: [...ACTIVE_STATUSES] },
      ...(workflowId ? { workflowId } : {}),
      ...(executionId ? { id: executionId } : {}),
      signals: { some: { event: APPROVAL_REQUESTED_EVENT } },
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
      signals: { where: { event: { in: [APPROVAL_EVENT, APPROVAL_REQUESTED_EVENT] } }, select: { event: true, match: true, data: true } },
    },
  });
  const items: PendingApproval[] = [];
  const undecided: string[] = [];
  for (const execution of executions) {
    const decided = new Set(execution.signals.filter((signal) => signal.event === APPROVAL_EVENT).map((signal) => signal.match));
    const waiting = new Map<string, Date>();
    for (const event of execution.events) {
      if (!event.nodeId) continue;
      if (event.type === "node.waiting") waiting.set(event.nodeId, event.createdAt);
      else waiting.delete(event.nodeId);
    }
    const graph = execution.workflowVersion.graph as GraphShape;
    for (const request of execution.signals) {
      if (request.event !== APPROVAL_REQUESTED_EVENT || decided.has(request.match)) continue;
      if (undecided.at(-1) !== execution.id) undecided.push(execution.id);
      const since = waiting.get(request.match);
      const node = graph.nodes?.find((candidate) => candidate.id === request.match && candidate.type === "human.approval");
      if (!since || !node) continue;
      const message = (request.data as { message?: unknown }).message;
      items.push({
        executionId: execution.id,
        nodeId: node.id,
        nodeLabel: node.data?.label || node.id,
        message: typeof message === "string" ? message : "",
        workflowId: execution.workflowId,
        workflowName: execution.workflow.name,
        trigger: execution.trigger,
        input: execution.input,
        waitingSince: since,
      });
    }
  }
  items.sort((a, b) => b.waitingSince.getTime() - a.waitingSince.getTime() || a.executionId.localeCompare(b.executionId) || a.nodeId.localeCompare(b.nodeId));
  return { items, undecided };
}
