import { assertCan, type Actor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import type { Budget } from "@/lib/engine/budget";
import { findVersionToRun, type VersionToRun } from "@/lib/executions/find-version-to-run";
import { Prisma } from "@/lib/generated/prisma/client";
import { insertAndStartExecution, summaryOf } from "@/lib/executions/insert-execution";

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

  const created = await insertAndStartExecution({
    source: Prisma.sql`SELECT ${actor.workspaceId}::text AS "workspaceId", ${target.workflowId}::text AS "workflowId", ${target.versionId}::text AS "versionId", ${target.version}::int AS version, ${request.triggerNodeId ?? null}::text AS "nodeId"`,
    actor,
    request,
    graphOf: () => target.graph,
    enqueue: request.enqueue !== false,
  });
  if (!created) {
    // Two requests with one idempotency key raced: the loser returns the winner's execution.
    const existing = await db.execution.findUniqueOrThrow({ where: { workspaceId_idempotencyKey: { workspaceId: actor.workspaceId, idempotencyKey: request.idempotencyKey! } }, select: EXECUTION_SUMMARY });
    return { ...existing, created: false };
  }
  return { ...summaryOf(created), created: true };
}
