import { activityActor, assertCan, type Actor } from "@/lib/auth/actor";
import { recordActivity } from "@/lib/activity/record-activity";
import { getDb } from "@/lib/db";
import type { Budget } from "@/lib/engine/budget";
import { AppError } from "@/lib/errors/app-error";
import { Prisma } from "@/lib/generated/prisma/client";
import { enqueueExecution } from "@/lib/jobs/enqueue-execution";

export type StartExecutionInput = {
  workflowId: string;
  input: Record<string, unknown>;
  version?: number;
  idempotencyKey?: string;
  budget?: Budget;
  trigger?: "manual" | "api" | "webhook" | "schedule" | "sub-workflow";
  triggerNodeId?: string;
  /** The execution whose Sub-workflow node starts this one. */
  parent?: { id: string; depth: number };
};

const EXECUTION_SUMMARY = { id: true, status: true, workflowId: true, version: true, createdAt: true } as const;

/**
 * Queues a run of a published version (the active one unless `version` is given) and hands it to
 * the job driver. The same idempotency key in the same workspace returns the first execution.
 */
export async function startExecution(actor: Actor, request: StartExecutionInput) {
  assertCan(actor, "executions.run");
  const db = getDb();
  if (request.idempotencyKey) {
    const existing = await db.execution.findUnique({ where: { workspaceId_idempotencyKey: { workspaceId: actor.workspaceId, idempotencyKey: request.idempotencyKey } }, select: EXECUTION_SUMMARY });
    if (existing) return { ...existing, created: false };
  }
  const workflow = await db.workflow.findFirst({ where: { id: request.workflowId, workspaceId: actor.workspaceId }, select: { id: true, activeVersion: true } });
  if (!workflow) throw new AppError("not_found", "Workflow not found.");
  const versionNumber = request.version ?? workflow.activeVersion;
  if (!versionNumber) throw new AppError("conflict", "Publish the workflow before running it.");
  const version = await db.workflowVersion.findUnique({ where: { workflowId_version: { workflowId: workflow.id, version: versionNumber } }, select: { id: true, version: true } });
  if (!version) throw new AppError("not_found", `Version ${versionNumber} of this workflow does not exist.`);

  let execution;
  try {
    execution = await db.$transaction(async (tx) => {
      const created = await tx.execution.create({
        data: {
          workspaceId: actor.workspaceId,
          workflowId: workflow.id,
          versionId: version.id,
          version: version.version,
          trigger: request.trigger ?? (actor.kind === "api_key" ? "api" : "manual"),
          triggerNodeId: request.triggerNodeId,
          input: request.input as Prisma.InputJsonObject,
          budget: request.budget ? (request.budget as Prisma.InputJsonObject) : Prisma.DbNull,
          idempotencyKey: request.idempotencyKey,
          parentExecutionId: request.parent?.id,
          depth: request.parent ? request.parent.depth + 1 : 0,
          createdById: actor.userId,
        },
        select: EXECUTION_SUMMARY,
      });
      await recordActivity({ workspaceId: actor.workspaceId, actor: activityActor(actor), action: "execution.started", targetType: "execution", targetId: created.id, data: { workflowId: workflow.id, version: version.version } }, { tx });
      return created;
    });
  } catch (error) {
    // Two requests with one idempotency key raced: the loser returns the winner's execution.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002" && request.idempotencyKey) {
      const existing = await db.execution.findUniqueOrThrow({ where: { workspaceId_idempotencyKey: { workspaceId: actor.workspaceId, idempotencyKey: request.idempotencyKey } }, select: EXECUTION_SUMMARY });
      return { ...existing, created: false };
    }
    throw error;
  }
  await enqueueExecution(execution.id);
  return { ...execution, created: true };
}
