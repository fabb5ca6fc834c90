import { activityActor, assertCan, type Actor } from "@/lib/auth/actor";
import { recordActivity } from "@/lib/activity/record-activity";
import { inngest } from "@/inngest/client";
import { getDb } from "@/lib/db";
import { APPROVAL_EVENT } from "@/lib/engine/nodes/approval/schema";
import { getEnv, selectDrivers } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import { Prisma } from "@/lib/generated/prisma/client";
import { hasEnded } from "@/lib/schemas/execution";

/** Approves or rejects a waiting approval node; the first decision wins. */
export async function decideApproval(actor: Actor, { executionId, nodeId, approved, comment }: { executionId: string; nodeId: string; approved: boolean; comment?: string }) {
  assertCan(actor, "executions.run");
  const db = getDb();
  const execution = await db.execution.findFirst({ where: { id: executionId, workspaceId: actor.workspaceId }, select: { id: true, status: true, workflowVersion: { select: { graph: true } } } });
  if (!execution) throw new AppError("not_found", "Execution not found.");
  const graph = execution.workflowVersion.graph as { nodes?: { id: string; type: string }[] };
  if (!graph.nodes?.some((node) => node.id === nodeId && node.type === "human.approval")) throw new AppError("not_found", `"${nodeId}" is not an approval node of this execution.`);
  if (hasEnded(execution.status)) throw new AppError("conflict", `The execution already ended (${execution.status}).`);
  const decision = { approved, comment, by: actor.userId ?? `api-key:${actor.apiKeyId}`, executionId, nodeId };
  try {
    await db.executionSignal.create({ data: { executionId, event: APPROVAL_EVENT, match: nodeId, data: decision as Prisma.InputJsonObject } });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw new AppError("conflict", "This approval was already decided.");
    throw error;
  }
  if (selectDrivers(getEnv()).jobs === "inngest") await inngest.send({ name: APPROVAL_EVENT, data: decision });
  await recordActivity({ workspaceId: actor.workspaceId, actor: activityActor(actor), action: approved ? "execution.approved" : "execution.rejected", targetType: "execution", targetId: executionId, data: { nodeId, comment: comment ?? null } });
  return { executionId, nodeId, approved };
}
