import { hashToken } from "@/lib/auth/tokens";
import { getDb } from "@/lib/db";
import { APPROVAL_EVENT } from "@/lib/engine/nodes/approval/schema";
import { hasEnded } from "@/lib/schemas/execution";

export type ApprovalTokenLookup =
  | { status: "not_found" | "other_user" }
  | {
      status: "pending" | "expired" | "used" | "decided" | "ended";
      workflowName: string;
      workspaceName: string;
      nodeLabel: string;
      message: string;
      input: unknown;
      executionId: string;
      expiresAt: Date;
    };

/**
 * What the /approve/<token> page shows — no side effect (mail scanners open links). Only the
 * member the link was sent to sees the run's context.
 */
export async function inspectApprovalToken({ token, userId }: { token: string; userId: string }): Promise<ApprovalTokenLookup> {
  const found = await getDb().approvalToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      userId: true,
      nodeId: true,
      message: true,
      expiresAt: true,
      usedAt: true,
      execution: {
        select: {
          id: true,
          status: true,
          input: true,
          workflow: { select: { name: true } },
          workspace: { select: { name: true } },
          workflowVersion: { select: { graph: true } },
          signals: { where: { event: APPROVAL_EVENT }, select: { match: true } },
        },
      },
    },
  });
  if (!found) return { status: "not_found" };
  if (found.userId !== userId) return { status: "other_user" };
  const { execution } = found;
  const node = (execution.workflowVersion.graph as { nodes?: { id: string; data?: { label?: string } }[] }).nodes?.find((candidate) => candidate.id === found.nodeId);
  const status = found.usedAt
    ? "used"
    : execution.signals.some((signal) => signal.match === found.nodeId)
      ? "decided"
      : hasEnded(execution.status)
        ? "ended"
        : found.expiresAt <= new Date()
          ? "expired"
          : "pending";
  return {
    status,
    workflowName: execution.workflow.name,
    workspaceName: execution.workspace.name,
    nodeLabel: node?.data?.label || found.nodeId,
    message: found.message,
    input: execution.input,
    executionId: execution.id,
    expiresAt: found.expiresAt,
  };
}
