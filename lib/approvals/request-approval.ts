import { hasRole, type Role } from "@/lib/auth/roles";
import { generateToken, hashToken } from "@/lib/auth/tokens";
import { getDb } from "@/lib/db";
import type { ApprovalRequest } from "@/lib/engine/types";
import { approvalEmail } from "@/lib/mail/approval-email";
import { sendEmail } from "@/lib/mail/send-email";

/** Links last as long as the node waits, at most this long. */
const MAX_LINK_MS = 7 * 24 * 3600_000;

/** Where links in emails sent outside a request point: APP_URL (set it in production). */
export function appOrigin(): string {
  const configured = process.env.APP_URL || process.env.AUTH_URL;
  return configured ? new URL(configured).origin : `http://localhost:${process.env.PORT || 3000}`;
}

/**
 * Emails the members an approval node asks — named by email, or everyone with at least a role;
 * only members who may decide (editors and above) — a link to /approve/<token>: single use,
 * expiring with the wait, bound to that member. Only the token's SHA-256 is stored.
 */
export async function requestApproval({ execution, request, baseUrl = appOrigin(), now = new Date() }: { execution: { id: string; workspaceId: string }; request: ApprovalRequest; baseUrl?: string; now?: Date }) {
  const db = getDb();
  const [memberships, run] = await Promise.all([
    db.membership.findMany({ where: { workspaceId: execution.workspaceId }, select: { role: true, user: { select: { id: true, email: true } } } }),
    db.execution.findUniqueOrThrow({ where: { id: execution.id }, select: { workflow: { select: { name: true } }, workspace: { select: { name: true } } } }),
  ]);
  const named = new Set(request.members.map((email) => email.toLowerCase()));
  const recipients = memberships.filter(({ role, user }) => hasRole(role as Role, "editor") && user.email && (named.has(user.email.toLowerCase()) || (request.role && hasRole(role as Role, request.role))));
  const expiresAt = new Date(now.getTime() + Math.min(request.timeoutMs, MAX_LINK_MS));
  let notified = 0;
  for (const { user } of recipients) {
    const token = generateToken(32);
    await db.approvalToken.create({ data: { tokenHash: hashToken(token), workspaceId: execution.workspaceId, executionId: execution.id, nodeId: request.nodeId, userId: user.id, message: request.message.slice(0, 2000), expiresAt } });
    try {
      await sendEmail(approvalEmail({ to: user.email!, url: new URL(`/approve/${token}`, baseUrl).toString(), workflowName: run.workflow.name, workspaceName: run.workspace.name, message: request.message, expiresAt }));
      notified++;
    } catch (error) {
      // A mail server that refuses does not fail the run: the approval still waits in the
      // studio (execution page, Approvals inbox), where it can be decided.
      console.error(`[agentry] approval email for ${execution.id}/${request.nodeId} could not be sent`, error instanceof Error ? error.message : error);
    }
  }
  return { notified };
}
