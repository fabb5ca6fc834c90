import { assertCan, type Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import type { Tx } from "@/lib/db";
import { readPendingApprovals } from "@/lib/approvals/read-pending-approvals";

export type { PendingApproval } from "@/lib/approvals/read-pending-approvals";

/**
 * The member's view of the approvals waiting in their workspace (readPendingApprovals), and
 * whether they may decide them. Read from the runs' stored events and signals, so both job drivers
 * and every process agree.
 */
export async function listPendingApprovals(actor: Actor, { workflowId, executionId, tx }: { workflowId?: string; executionId?: string; tx?: Tx } = {}) {
  assertCan(actor, "workflows.read");
  const { items } = await readPendingApprovals({ workspaceId: actor.workspaceId, workflowId, executionId, tx });
  return { items, canDecide: can(actor.role, "executions.run") };
}
