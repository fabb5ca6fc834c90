import { hasRole, type Role } from "@/lib/auth/roles";
import { generateToken, hashToken } from "@/lib/auth/tokens";
import { announceApprovalChange } from "@/lib/approvals/announce-approval-change";
import { getDb } from "@/lib/db";
import type { ApprovalRequest } from "@/lib/engine/types";
import { approvalEmail } from "@/lib/mail/approval-email";
import { sendEmail } from "@/lib/mail/send-email";

/** Links last as long as the node waits, at most this long. */
const MAX_LINK_MS = 7 * 24 * 3600_000;
/** Messages are stored (and emailed, and shown) up to this length. */
const MAX_MESSAGE = 2000;

/**
 * The ExecutionSignal row (event, match = node id) that says an approval node asked for a
 * decision, with its message as the run resolved it. Written once per wait, before the node waits.
 */
export const APPROVAL_REQUESTED_EVENT = "workflow/approval.requested";

/** Where links in emails sent outside a request point: APP_URL (set it in production). */
export function appOrigin(): string {
  const configured = process.env.APP_URL || process.env.AUTH_URL;
  return configured ? new URL(configured).origin : `http://localhost:${process.env.PORT || 3000}`;
}

/**
 * Records that an approval node waits, with its message as the run resolved it ({{ … }} filled in)
 * — the text every surface shows — and tells the live approval feeds. Then emails the members the
 * node asks — named by email, or everyone with at least a role;
 * only members who may decide (editors and above) — a link to /approve/<token>: single use,
 * expiring with the wait, bound to that member. Only the token's SHA-256 is stored.
 */
export async function requestApproval({ execution, request, baseUrl = appOrigin(), now = new Date() }: { execution: { id: string; workspaceId: string }; request: ApprovalRequest; baseUrl?: string; now?: Date }) {
  const db = getDb();
  const message = request.message.slice(0, MAX_MESSAGE);
  const requested = { message, key: request.key, requestedAt: now.toISOString() };
  await db.executionSignal.upsert({
    where: { executionId_event_match: { executionId: execution.id, event: APPROVAL_REQUESTED_EVENT, match: request.nodeId } },
    create: { executionId: execution.id, event: APPROVAL_REQUESTED_EVENT, match: request.nodeId, data: requested },
    update: { data: requested },
  });
  await announceApprovalChange(execution.id).catch((error: unknown) => {
    // Live views also re-read on their own now and then: a lost notice only delays them.
    console.error(`[agentry] announcing the approval ${execution.id}/${request.nodeId} failed`, error instanceof Error ? error.message : error);
  });
  if (!request.members.length && !request.role) return { notified: 0 };
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
    await db.approvalToken.create({ data: { tokenHash: hashToken(token), workspaceId: execution.workspaceId, executionId: execution.id, nodeId: request.nodeId, userId: user.id, message, expiresAt } });
    try {
      await sendEmail(approvalEmail({ to: user.email!, url: new URL(`/approve/${token}`, baseUrl).toString(), workflowName: run.workflow.name, workspaceName: run.workspace.name, message, expiresAt }));
      notified++;
    } catch (error) {
      // A mail server that refuses does not fail the run: the approval still waits in the
      // studio (execution page, Approvals inbox), where it can be decided.
      console.error(`[agentry] approval email for ${execution.id}/${request.nodeId} could not be sent`, error instanceof Error ? error.message : error);
    }
  }
  return { notified };
}
