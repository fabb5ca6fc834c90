import type { Actor } from "@/lib/auth/actor";
import { hasRole, type Role } from "@/lib/auth/roles";
import { hashToken } from "@/lib/auth/tokens";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { decideApproval } from "@/lib/executions/decide-approval";

/**
 * Approves or rejects through an emailed link, as the member it was sent to. The link works once
 * (a conditional update lets exactly one use through), expires, and needs that member to still
 * be an editor or above in the workspace. Recorded with surface "email".
 */
export async function confirmApprovalToken({ userId, token, approved, comment, now = new Date() }: { userId: string; token: string; approved: boolean; comment?: string; now?: Date }) {
  const db = getDb();
  const found = await db.approvalToken.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!found) throw new AppError("not_found", "This approval link is not valid.");
  if (found.userId !== userId) throw new AppError("forbidden", "This approval link was sent to another member.");
  if (found.usedAt) throw new AppError("conflict", "This approval link was already used.");
  if (found.expiresAt <= now) throw new AppError("conflict", "This approval link has expired.");
  const membership = await db.membership.findFirst({ where: { workspaceId: found.workspaceId, userId }, select: { role: true } });
  if (!membership) throw new AppError("not_found", "This approval link is not valid.");
  if (!hasRole(membership.role as Role, "editor")) throw new AppError("forbidden", "Your role no longer allows deciding approvals.");
  const claimed = await db.approvalToken.updateMany({ where: { id: found.id, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
  if (claimed.count !== 1) throw new AppError("conflict", "This approval link was already used.");
  const actor: Actor = { kind: "user", userId, apiKeyId: null, workspaceId: found.workspaceId, role: membership.role as Role };
  return decideApproval(actor, { executionId: found.executionId, nodeId: found.nodeId, approved, comment, surface: "email" });
}
