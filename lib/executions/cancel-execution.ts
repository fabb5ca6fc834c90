import { activityActor, assertCan, type Actor } from "@/lib/auth/actor";
import { recordActivity } from "@/lib/activity/record-activity";
import { inngest } from "@/inngest/client";
import { getDb } from "@/lib/db";
import { getEnv, selectDrivers } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import { EXECUTION_CANCEL_REQUESTED } from "@/lib/jobs/events";
import { ACTIVE_STATUSES, hasEnded } from "@/lib/schemas/execution";
import { getLocalWorker } from "@/lib/jobs/local/local-worker";
import { ExecutionEventSink } from "@/lib/stream/execution-event-sink";

/**
 * Requests cancellation. A queued execution is cancelled at once; a running one stops at its
 * next step (local driver: aborted now if this process runs it; Inngest: cancelOn).
 */
export async function cancelExecution(actor: Actor, { executionId }: { executionId: string }) {
  assertCan(actor, "executions.run");
  const db = getDb();
  const execution = await db.execution.findFirst({ where: { id: executionId, workspaceId: actor.workspaceId }, select: { id: true, status: true } });
  if (!execution) throw new AppError("not_found", "Execution not found.");
  if (hasEnded(execution.status)) {
    throw new AppError("conflict", `The execution already ended (${execution.status}).`);
  }
  const now = new Date();
  const cancelledWhileQueued = await db.execution.updateMany({ where: { id: executionId, status: "queued" }, data: { status: "cancelled", cancelRequestedAt: now, finishedAt: now } });
  if (cancelledWhileQueued.count === 0) await db.execution.update({ where: { id: executionId }, data: { cancelRequestedAt: now } });
  await recordActivity({ workspaceId: actor.workspaceId, actor: activityActor(actor), action: "execution.cancelled", targetType: "execution", targetId: executionId });

  if (selectDrivers(getEnv()).jobs === "inngest") {
    await inngest.send({ name: EXECUTION_CANCEL_REQUESTED, data: { executionId } });
    // cancelOn stops the function without running its last step: record the end here.
    await db.execution.updateMany({ where: { id: executionId, status: { in: [...ACTIVE_STATUSES] } }, data: { status: "cancelled", finishedAt: now } });
  } else if (cancelledWhileQueued.count === 0) {
    getLocalWorker().abort(executionId);
  }
  if (cancelledWhileQueued.count === 1 || selectDrivers(getEnv()).jobs === "inngest") {
    await new ExecutionEventSink(executionId).append({ type: "execution.cancelled", data: { status: "cancelled" } });
  }
  return { id: executionId, status: "cancelling" as const };
}
