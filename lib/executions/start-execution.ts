import crypto from "node:crypto";
import { activityActor, assertCan, type Actor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import type { Budget } from "@/lib/engine/budget";
import { getEnv, selectDrivers } from "@/lib/env";
import { findVersionToRun, type VersionToRun } from "@/lib/executions/find-version-to-run";
import { newRowId } from "@/lib/storage/new-row-id";
import { toStorableJsonText } from "@/lib/storage/storable-text";
import { enqueueExecution } from "@/lib/jobs/enqueue-execution";
import { getLocalWorker } from "@/lib/jobs/local/local-worker";

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
  /** false: only queue it; the caller runs it (a sub-workflow invoked by its parent's run on Inngest). */
  enqueue?: boolean;
};

type ExecutionSummary = { id: string; status: "queued" | "running" | "waiting" | "completed" | "failed" | "cancelled" | "budget_exceeded"; workflowId: string; version: number; createdAt: Date };

const EXECUTION_SUMMARY = { id: true, status: true, workflowId: true, version: true, createdAt: true } as const;

/**
 * Queues a run of a published version (the active one unless `version` is given) and hands it to
 * the job driver. The same idempotency key in the same workspace returns the first execution.
 *
 * One statement stores the execution and its activity entry. On the local driver with a free
 * slot, the same statement leases it to this process and stores its start (the `execution:started`
 * step and event), and the run begins at once in this process: no claim round, no read-back, and
 * the first event is there when the caller gets the id. Should the process die, the lease runs out
 * and another worker replays the run from its stored steps, as for any run.
 */
export async function startExecution(actor: Actor, request: StartExecutionInput, { target: known }: { target?: VersionToRun } = {}) {
  assertCan(actor, "executions.run");
  const db = getDb();
  if (request.idempotencyKey) {
    const existing = await db.execution.findUnique({ where: { workspaceId_idempotencyKey: { workspaceId: actor.workspaceId, idempotencyKey: request.idempotencyKey } }, select: EXECUTION_SUMMARY });
    if (existing) return { ...existing, created: false };
  }
  // A caller that read the version with its own lookup (a webhook's trigger) saves this query.
  const target = known ?? (await findVersionToRun({ workspaceId: actor.workspaceId, workflowId: request.workflowId, version: request.version }));

  const slot = selectDrivers(getEnv()).jobs === "local" ? getLocalWorker().reserveSlot() : null;
  try {
    const id = newRowId();
    const now = new Date();
    const startedAt = slot ? now.toISOString() : null;
    const actorIds = activityActor(actor);
    const json = (value: unknown) => (value === undefined || value === null ? null : toStorableJsonText(JSON.stringify(value)));
    const rows = await db.$queryRaw<ExecutionSummary[]>`
      WITH ex AS (
        INSERT INTO "Execution" (id, "workspaceId", "workflowId", "versionId", version, status, trigger, "triggerNodeId", input, budget,
          "idempotencyKey", "parentExecutionId", depth, "createdById", "createdAt", "startedAt", "leaseOwner", "leaseExpiresAt")
        VALUES (${id}, ${actor.workspaceId}, ${target.workflowId}, ${target.versionId}, ${target.version},
          ${slot ? "running" : "queued"}::"ExecutionStatus", ${request.trigger ?? (actor.kind === "api_key" ? "api" : "manual")}, ${request.triggerNodeId ?? null},
          ${json(request.input)}::jsonb, ${json(request.budget)}::jsonb, ${request.idempotencyKey ?? null}, ${request.parent?.id ?? null},
          ${request.parent ? request.parent.depth + 1 : 0}, ${actor.userId ?? null}, ${now.toISOString()}::timestamptz AT TIME ZONE 'UTC',
          ${startedAt}::timestamptz AT TIME ZONE 'UTC', ${slot?.owner ?? null},
          ${slot ? new Date(now.getTime() + slot.leaseMs).toISOString() : null}::timestamptz AT TIME ZONE 'UTC')
        ON CONFLICT ("workspaceId", "idempotencyKey") DO NOTHING
        RETURNING id, status, "workflowId", version, "createdAt"
      ),
      activity AS (
        INSERT INTO "ActivityLog" (id, "workspaceId", "actorUserId", "actorApiKeyId", action, "targetType", "targetId", data)
        SELECT ${newRowId()}, ${actor.workspaceId}, ${actorIds.userId ?? null}, ${actorIds.apiKeyId ?? null}, 'execution.started', 'execution', ex.id,
          ${json({ workflowId: target.workflowId, version: target.version })}::jsonb
        FROM ex
      ),
      started_event AS (
        INSERT INTO "ExecutionEvent" (id, "executionId", seq, type, data)
        SELECT ${crypto.randomUUID()}, ex.id, 1, 'execution.started', ${json({ startedAt })}::jsonb FROM ex WHERE ex.status = 'running'
      ),
      started_step AS (
        INSERT INTO "NodeRun" (id, "executionId", key, "nodeId", kind, status, result, attempts, "finishedAt")
        SELECT ${crypto.randomUUID()}, ex.id, 'execution:started', '', 'execution', 'completed', ${json({ startedAt, skip: false })}::jsonb, 1,
          ${now.toISOString()}::timestamptz AT TIME ZONE 'UTC'
        FROM ex WHERE ex.status = 'running'
      )
      SELECT id, status::text AS status, "workflowId", version, "createdAt" FROM ex`;
    const created = rows[0];
    if (!created) {
      // Two requests with one idempotency key raced: the loser returns the winner's execution.
      const existing = await db.execution.findUniqueOrThrow({ where: { workspaceId_idempotencyKey: { workspaceId: actor.workspaceId, idempotencyKey: request.idempotencyKey! } }, select: EXECUTION_SUMMARY });
      return { ...existing, created: false };
    }
    if (slot) {
      getLocalWorker().adopt(
        {
          id,
          workspaceId: actor.workspaceId,
          depth: request.parent ? request.parent.depth + 1 : 0,
          status: "running",
          input: request.input as never,
          budget: (request.budget ?? null) as never,
          triggerNodeId: request.triggerNodeId ?? null,
          startedAt: now,
          createdAt: now,
          cancelRequestedAt: null,
          workflowVersion: { graph: target.graph as never },
        },
        [{ key: "execution:started", status: "completed", result: { startedAt, skip: false }, attempts: 1 }],
        slot,
      );
    } else if (request.enqueue !== false) {
      await enqueueExecution(created.id);
    }
    return { ...created, createdAt: new Date(created.createdAt), created: true };
  } finally {
    slot?.release();
  }
}
