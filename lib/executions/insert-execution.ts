import crypto from "node:crypto";
import { activityActor, type Actor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import type { Budget } from "@/lib/engine/budget";
import { Prisma } from "@/lib/generated/prisma/client";
import type { PureRun } from "@/lib/executions/run-pure-workflow";
import { getEnv, selectDrivers } from "@/lib/env";
import { enqueueExecution } from "@/lib/jobs/enqueue-execution";
import { getLocalWorker } from "@/lib/jobs/local/local-worker";
import { createRedactor } from "@/lib/jobs/redactor";
import type { WorkflowGraph } from "@/lib/schemas/workflow";
import { newRowId } from "@/lib/storage/new-row-id";
import { toStorableJsonText } from "@/lib/storage/storable-text";

export type InsertedExecution = {
  id: string;
  status: "queued" | "running" | "completed" | "failed" | "cancelled" | "budget_exceeded";
  workflowId: string;
  version: number;
  versionId: string;
  workspaceId: string;
  triggerNodeId: string | null;
  depth: number;
  startedAt?: string | null;
  createdAt: Date | string;
  /** Set for an execution stored already ended (insertFinishedExecution). */
  output?: unknown;
  error?: string | null;
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

/** The activity entry of the execution the statement's `ex` inserted ("execution.started"). */
function startedActivity(actor: Pick<Actor, "kind" | "userId" | "apiKeyId">): Prisma.Sql {
  const actorIds = activityActor(actor as Actor);
  return Prisma.sql`
    INSERT INTO "ActivityLog" (id, "workspaceId", "actorUserId", "actorApiKeyId", action, "targetType", "targetId", data)
    SELECT ${newRowId()}, ex."workspaceId", ${actorIds.userId ?? null}, ${actorIds.apiKeyId ?? null}, 'execution.started', 'execution', ex.id,
      jsonb_build_object('workflowId', ex."workflowId", 'version', ex.version)
    FROM ex`;
}

/**
 * Inserts an execution and hands it on: on the local driver with a free slot it is stored leased
 * to this process and started at once here (adopted by the worker, with the graph `graphOf`
 * gives); otherwise it is queued and given to the job driver (unless `enqueue` is false: the
 * caller runs it, as a parent invoking its child on Inngest). Null when no row was inserted.
 */
export async function insertAndStartExecution({
  source,
  actor,
  request,
  graphOf,
  enqueue = true,
}: {
  source: Prisma.Sql;
  actor: Pick<Actor, "kind" | "userId" | "apiKeyId">;
  request: ExecutionRequest;
  graphOf: (created: InsertedExecution) => WorkflowGraph | Promise<WorkflowGraph>;
  enqueue?: boolean;
}): Promise<InsertedExecution | null> {
  const slot = selectDrivers(getEnv()).jobs === "local" ? getLocalWorker().reserveSlot() : null;
  try {
    const [created] = await insertExecution({ source, actor, request, slot });
    if (!created) return null;
    if (slot) adoptStarted(created, { input: request.input, budget: request.budget ?? null, graph: await graphOf(created) }, slot);
    else if (enqueue) await enqueueExecution(created.id);
    return created;
  } finally {
    slot?.release();
  }
}

/**
 * Stores a new execution, its activity entry and — when `slot` leases it to this process — its
 * start (status running, the `execution:started` step and event), all in one statement. `source`
 * is a one-row query giving workspaceId, workflowId, versionId, version and nodeId (the trigger
 * node): known values, or a lookup (a webhook's trigger, checked in the same statement). No row
 * back: the source had none, or the idempotency key is taken.
 */
async function insertExecution({ source, actor, request, slot }: { source: Prisma.Sql; actor: Pick<Actor, "kind" | "userId" | "apiKeyId">; request: ExecutionRequest; slot: Slot | null }): Promise<InsertedExecution[]> {
  const now = new Date();
  const startedAt = slot ? now.toISOString() : null;
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
    activity AS (${startedActivity(actor)}),
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
function adoptStarted(created: InsertedExecution, { input, budget, graph }: { input: Record<string, unknown>; budget: Budget | null; graph: WorkflowGraph }, slot: Slot) {
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

/** A run that already ended in memory (a pure workflow), stored whole with its execution. */
export type FinishedRun = { startedAt: Date; run: PureRun };

/**
 * Stores a whole execution that ran in memory — the execution already ended, its activity entry,
 * every event (numbered from 1) and every step — in one statement. `source` as for
 * insertExecution. No row back: the source had none (the caller then starts it the usual way).
 */
export async function insertFinishedExecution({ source, actor, request, finished }: { source: Prisma.Sql; actor: Pick<Actor, "kind" | "userId" | "apiKeyId">; request: ExecutionRequest; finished: FinishedRun }): Promise<InsertedExecution[]> {
  const { run, startedAt } = finished;
  const { result } = run;
  const redactor = createRedactor();
  const events = run.events.map((event, index) => ({ n: index + 1, id: crypto.randomUUID(), type: event.type, nodeId: event.nodeId ?? null, data: redactor.redact(event.data) }));
  const steps = run.steps.map((row) => ({
    id: crypto.randomUUID(),
    key: row.key,
    nodeId: row.nodeId,
    kind: row.kind,
    input: redactor.redact(row.input ?? null),
    output: redactor.redact(row.output ?? null),
    result: redactor.redact(row.result ?? null),
    inputTokens: row.usage?.inputTokens ?? 0,
    outputTokens: row.usage?.outputTokens ?? 0,
    costUsd: row.usage?.costUsd ?? 0,
    model: row.usage?.model ?? null,
  }));
  const finishedAt = new Date();
  return getDb().$queryRaw<InsertedExecution[]>`
    WITH src AS (${source}),
    ex AS (
      INSERT INTO "Execution" (id, "workspaceId", "workflowId", "versionId", version, status, trigger, "triggerNodeId", input, budget, output, error,
        "failedNodeId", "inputTokens", "outputTokens", "costUsd", "idempotencyKey", "parentExecutionId", depth, "createdById", "createdAt", "startedAt", "finishedAt")
      SELECT ${newRowId()}, src."workspaceId", src."workflowId", src."versionId", src.version,
        ${result.status}::"ExecutionStatus", ${request.trigger ?? (actor.kind === "api_key" ? "api" : "manual")}, src."nodeId",
        ${json(request.input)}::jsonb, ${json(request.budget)}::jsonb, ${json(redactor.redact(result.output ?? null))}::jsonb, ${result.error ?? null},
        ${result.failedNodeId ?? null}, ${result.usage.inputTokens}, ${result.usage.outputTokens}, ${result.usage.costUsd}::float8,
        ${request.idempotencyKey ?? null}, ${request.parent?.id ?? null}, ${request.parent ? request.parent.depth + 1 : 0}, ${actor.userId ?? null},
        ${startedAt.toISOString()}::timestamptz AT TIME ZONE 'UTC', ${startedAt.toISOString()}::timestamptz AT TIME ZONE 'UTC',
        ${finishedAt.toISOString()}::timestamptz AT TIME ZONE 'UTC'
      FROM src
      ON CONFLICT ("workspaceId", "idempotencyKey") DO NOTHING
      RETURNING id, status, "workflowId", version, "versionId", "workspaceId", "triggerNodeId", depth, "createdAt", output, error
    ),
    activity AS (${startedActivity(actor)}),
    ev AS (
      INSERT INTO "ExecutionEvent" (id, "executionId", seq, type, "nodeId", data)
      SELECT e.id, ex.id, e.n, e.type, e."nodeId", COALESCE(e.data, '{}'::jsonb)
      FROM ex, jsonb_to_recordset(${toStorableJsonText(JSON.stringify(events))}::jsonb) AS e(n int, id text, type text, "nodeId" text, data jsonb)
    ),
    nr AS (
      INSERT INTO "NodeRun" (id, "executionId", key, "nodeId", kind, status, input, output, result, attempts, "inputTokens", "outputTokens", "costUsd", model, "startedAt", "finishedAt")
      SELECT r.id, ex.id, r.key, r."nodeId", r.kind, 'completed', r.input, r.output, r.result, 1, r."inputTokens", r."outputTokens", r."costUsd", r.model,
        ${startedAt.toISOString()}::timestamptz AT TIME ZONE 'UTC', ${finishedAt.toISOString()}::timestamptz AT TIME ZONE 'UTC'
      FROM ex, jsonb_to_recordset(${toStorableJsonText(JSON.stringify(steps))}::jsonb)
        AS r(id text, key text, "nodeId" text, kind text, input jsonb, output jsonb, result jsonb, "inputTokens" int, "outputTokens" int, "costUsd" float8, model text)
    )
    SELECT id, status::text AS status, "workflowId", version, "versionId", "workspaceId", "triggerNodeId", depth, "createdAt", output, error FROM ex`;
}
