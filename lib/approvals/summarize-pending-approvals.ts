import crypto from "node:crypto";
import { readPendingApprovals, type PendingApproval } from "@/lib/approvals/read-pending-approvals";

/**
 * What a live approvals stream pushes — how many wait, and a version that changes with the list —
 * plus the runs whose next events may change it (readPendingApprovals' `undecided`).
 */
export type ApprovalsSummary = { count: number; version: string; executionIds: string[] };

/** A short hash of which approvals wait and what they say; equal lists have equal versions. */
export function approvalsVersion(items: Pick<PendingApproval, "executionId" | "nodeId" | "message">[]): string {
  const hash = crypto.createHash("sha256");
  for (const item of [...items].sort((a, b) => a.executionId.localeCompare(b.executionId) || a.nodeId.localeCompare(b.nodeId))) hash.update(`${item.executionId}\u0000${item.nodeId}\u0000${item.message}\u0000`);
  return hash.digest("base64url").slice(0, 16);
}

/** The workspace's waiting approvals as the live stream reports them (no permission check). */
export async function summarizePendingApprovals(workspaceId: string): Promise<ApprovalsSummary> {
  const { items, undecided } = await readPendingApprovals({ workspaceId });
  return { count: items.length, version: approvalsVersion(items), executionIds: undecided };
}
