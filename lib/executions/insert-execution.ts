import crypto from "node:crypto";
import { activityActor, type Actor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import type { Budget } from "@/lib/engine/budget";
import { Prisma } from "@/lib/generated/prisma/client";
import { getLocalWorker } from "@/lib/jobs/local/local-worker";
import type { WorkflowGraph } from "@/lib/schemas/workflow";
import { newRowId } from "@/lib/storage/new-row-id";
import { toStorableJsonText } from "@/lib/storage/storable-text";

export type InsertedExecution = {
  id: string;
  status: "queued" | "running";
  workflowId: string;
  version: number;
  versionId: string;
  workspaceId: string;
  triggerNodeId: string | null;
  depth: number;
  startedAt: string | null;
  createdAt: Date | string;
};

export type ExecutionRequest = {
  input: Record<string, unknown>;
  budget?: Budget;
  idempotencyKey?: string;
  trigger?: "manual" | "api" | "webhook" | "schedule" | "sub-workflow";
  parent?: { id: string; depth: number };
};

type Slot = { owner: string; leaseMs: number; release: () => void };

const json = (value: unknown) => (value === undefined || value === null ? null : toStorableJsonText(JSON.stringify(value)));

/**
 * Stores a new execution, its activity entry and — when `slot` leases it to this process — its
 * start (status running, the `execution:started` step and event), all in one statement. `source`
 * is a one-row query giving workspaceId, workflowId, versionId, version and nodeId (the trigger
 * node): known values, or a lookup (a webhook's trigger, checked in the same statement). No row
 * back: the source had none, or the idempotency key is taken.
 */
export async function insertExecution({ source, actor, request, slot }: { source: Prisma.Sql; actor: Pick<Actor, "kind" | "userId" | "apiKeyId">; request: ExecutionRequest; slot: Slot | null }): Promise<InsertedExecution[]> {
  const now = new Date();
  const startedAt = slot ? now.toISOString() : null;
  const actorIds = activityActor(actor as Actor);
  const depth = request.parent ? request.parent.depth + 1 : 0;
  return getDb().$queryRaw<InsertedExecution[]>`
    WITH src AS (${source}),
    ex AS (
      INSERT INTO "Execution" (id, "workspaceId", "workflowId", "versionId", version, status, trigger, "triggerNodeId", input, budget,
        "idempotencyKey", "parentExecutionId", depth, "createdById", "createdAt", "startedAt", "leaseOwner", "leaseExpiresAt")
      SELECT ${newRowId()}, src."workspaceId", src."workflowId", src."versionId", src.version,
        ${slot ? "running" : "queued"}::"ExecutionStatus", ${request.trigger ?? (actor.kind === "api_key" ? "api" : "manual")}, src."nodeId",
        ${json(request.input)}::jsonb, ${json(request.budget)}::jsonb, ${request.idempotencyKey ?? null}, ${request.parent?.id ?? null},
        ${depth}, ${actor.userId ?? null}, ${now.toISOString()}::timestamptz AT TIME ZONE 'UTC',
        ${startedAt}::timestamptz AT TIME ZONE 'UTC', ${slot?.owner ?? null},
        ${slot ? new Date(now.getTime() + slot.leaseMs).toISOString() : null}::timestamptz AT TIME ZONE 'UTC'
      FROM src
      ON CONFLICT ("workspaceId", "idempotencyKey") DO NOTHING
      RETURNING id, status, "workflowId", version, "versionId", "workspaceId", "triggerNodeId", depth, "createdAt"
    ),
    activity AS (
      INSERT INTO "ActivityLog" (id, "workspaceId", "actorUserId", "actorApiKeyId", action, "targetType", "targetId", data)
      SELECT ${newRowId()}, ex."workspaceId", ${actorIds.userId ?? null}, ${actorIds.apiKeyId ?? null}, 'execution.started', 'execution', ex.id,
        jsonb_build_object('workflowId', ex."workflowId", 'version', ex.version)
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
    SELECT id, status::text AS status, "workflowId", version, "versionId", "workspaceId", "triggerNodeId", depth, "createdAt", ${startedAt}::text AS "startedAt" FROM ex`;
}

/** What callers of a start get back (the API's execution summary). */
export function summaryOf(created: InsertedExecution) {
  return { id: created.id, status: created.status, workflowId: created.workflowId, version: created.version, createdAt: new Date(created.createdAt) };
}

/** Hands an execution inserted with this process's lease to its worker, which runs it at once. */
export function adoptStarted(created: InsertedExecution, { input, budget, graph }: { input: Record<string, unknown>; budget: Budget | null; graph: WorkflowGraph }, slot: Slot) {
  const startedAt = new Date(created.startedAt!);
  getLocalWorker().adopt(
    {
      id: created.id,
      workspaceId: created.workspaceId,
      depth: created.depth,
      status: "running",
      input: input as Prisma.JsonValue,
      budget: budget as Prisma.JsonValue,
      triggerNodeId: created.triggerNodeId,
      startedAt,
      createdAt: new Date(created.createdAt),
      cancelRequestedAt: null,
      workflowVersion: { graph: graph as unknown as Prisma.JsonValue },
    },
    [{ key: "execution:started", status: "completed", result: { startedAt: created.startedAt, skip: false }, attempts: 1 }],
    slot,
  );
}
