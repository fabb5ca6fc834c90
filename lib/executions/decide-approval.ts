import { activityActor, assertCan, type Actor } from "@/lib/auth/actor";
import { recordActivity } from "@/lib/activity/record-activity";
import { announceApprovalChange } from "@/lib/approvals/announce-approval-change";
import { inngest } from "@/inngest/client";
import { getDb } from "@/lib/db";
import { APPROVAL_EVENT } from "@/lib/engine/nodes/approval/schema";
import { getEnv, selectDrivers } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import { Prisma } from "@/lib/generated/prisma/client";
import { hasEnded, type ApprovalSurface } from "@/lib/schemas/execution";

/**
 * Approves or rejects a waiting approval node; the first decision wins. Records who decided and
 * from where (`surface`: the studio page, "email" for an emailed link, "api" for API keys).
 */
export async function decideApproval(actor: Actor, { executionId, nodeId, approved, comment, surface }: { executionId: string; nodeId: string; approved: boolean; comment?: string; surface?: ApprovalSurface }) {
  assertCan(actor, "executions.run");
  const db = getDb();
  const execution = await db.execution.findFirst({ where: { id: executionId, workspaceId: actor.workspaceId }, select: { id: true, status: true, workflowVersion: { select: { graph: true } } } });
  if (!execution) throw new AppError("not_found", "Execution not found.");
  const graph = execution.workflowVersion.graph as { nodes?: { id: string; type: string }[] };
  if (!graph.nodes?.some((node) => node.id === nodeId && node.type === "human.approval")) throw new AppError("not_found", `"${nodeId}" is not an approval node of this execution.`);
  if (hasEnded(execution.status)) throw new AppError("conflict", `The execution already ended (${execution.status}).`);
  const via: ApprovalSurface = actor.kind === "api_key" ? "api" : (surface ?? "studio");
  const decision = { approved, comment, by: actor.userId ?? `api-key:${actor.apiKeyId}`, surface: via, executionId, nodeId };
  try {
    await db.executionSignal.create({ data: { executionId, event: APPROVAL_EVENT, match: nodeId, data: decision as Prisma.InputJsonObject } });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw new AppError("conflict", "This approval was already decided.");
    throw error;
  }
  // Live approval views (the inbox, the nav badge) drop it now, not when the run resumes.
  await announceApprovalChange(executionId).catch(() => {});
  // The stored signal is what counts: a run reads it before waiting and after every wait slice.
  // The event only wakes a run that is waiting now, so failing to send it delays, never loses.
  if (selectDrivers(getEnv()).jobs === "inngest") {
    await inngest.send({ name: APPROVAL_EVENT, data: decision }).catch((error: unknown) => {
      console.error(`[agentry] approval of ${executionId}/${nodeId} stored, but its event could not be sent; the run takes it at its next check`, error instanceof Error ? error.message : error);
    });
  }
  await recordActivity({ workspaceId: actor.workspaceId, actor: activityActor(actor), action: approved ? "execution.approved" : "execution.rejected", targetType: "execution", targetId: executionId, data: { nodeId, comment: comment ?? null, surface: via } });
  return { executionId, nodeId, approved };
}
