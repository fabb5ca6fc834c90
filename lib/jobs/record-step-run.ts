import { getDb } from "@/lib/db";
import type { NodeResult } from "@/lib/engine/types";
import { Prisma } from "@/lib/generated/prisma/client";
import { toUserFacingError } from "@/lib/jobs/internal-error";
import type { Redactor } from "@/lib/jobs/redactor";

// JSON columns take Prisma.DbNull for "nothing"; values go through JSON to drop undefined.
const jsonOf = (value: unknown) => (value === undefined || value === null ? Prisma.DbNull : (JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue));

/**
 * node:<id>…: the node id; marker steps (:started, :skipped, :sleep …) are bookkeeping. An
 * agent's model turns (`:turn:<n>`) and tool calls (`:tool:<callId>`) are kinds of their own,
 * recorded with input, output and usage like nodes (the agent's trace).
 */
export function describeStepKey(key: string): { nodeId: string; kind: string } {
  const agentStep = /^node:([^:]+)(?::iter:\d+)*:(turn|tool):[\w-]+$/.exec(key);
  if (agentStep) return { nodeId: agentStep[1]!, kind: agentStep[2]! };
  const match = /^node:([^:]+)(?::iter:\d+)*(?::(\w+))?$/.exec(key);
  if (!match) return { nodeId: "", kind: "execution" };
  return { nodeId: match[1]!, kind: match[2] ?? "node" };
}

/** Steps whose result has NodeResult's shape (input, output, usage) and is shown in the run history. */
export const TRACED_STEP_KINDS = ["node", "turn", "tool"];

/**
 * Runs one step attempt and records it in NodeRun (both drivers): running with the attempt
 * count, then completed with input, output, tokens, cost and timings — or failed with the error.
 * Secrets are redacted before anything is stored. Returns the (redacted) result.
 * Errors leave as users may see them: internal ones (the database failing, here or in the step)
 * become an InternalRunError — an error id, logged, retryable.
 */
export async function recordStepRun<T>({ executionId, key, redactor }: { executionId: string; key: string; redactor: Redactor }, fn: () => Promise<T>): Promise<T> {
  const db = getDb();
  const where = { executionId_key: { executionId, key } };
  const { nodeId, kind } = describeStepKey(key);
  try {
    await db.nodeRun.upsert({
      where,
      create: { executionId, key, nodeId, kind, status: "running", attempts: 1 },
      update: { status: "running", attempts: { increment: 1 }, error: null, startedAt: new Date(), finishedAt: null },
    });
  } catch (error) {
    throw toUserFacingError(error, { executionId, key });
  }
  try {
    const result = redactor.redact(await fn());
    const nodeResult = (TRACED_STEP_KINDS.includes(kind) ? result : null) as NodeResult | null;
    await db.nodeRun.update({
      where,
      data: {
        status: "completed",
        result: jsonOf(result),
        output: nodeResult ? jsonOf(nodeResult.output) : Prisma.DbNull,
        input: nodeResult ? jsonOf(nodeResult.input) : Prisma.DbNull,
        inputTokens: nodeResult?.usage?.inputTokens ?? 0,
        outputTokens: nodeResult?.usage?.outputTokens ?? 0,
        costUsd: nodeResult?.usage?.costUsd ?? 0,
        model: nodeResult?.usage?.model ?? null,
        finishedAt: new Date(),
      },
    });
    return result;
  } catch (caught) {
    const error = toUserFacingError(caught, { executionId, key });
    const message = redactor.redact(error.message);
    await db.nodeRun.update({ where, data: { status: "failed", error: message, finishedAt: new Date() } }).catch((failure) => {
      console.error(`[agentry] recording the failure of step ${key} (execution ${executionId}) failed`, failure);
    });
    throw error;
  }
}

/**
 * A step with no side effect whose result must not change on replay (a clock reading): it runs,
 * then one statement stores it completed — no "running" row first, since running it again after
 * a crash does no harm. Returns the (redacted) result.
 */
export async function recordReadingStep<T>({ executionId, key, redactor, attempts }: { executionId: string; key: string; redactor: Redactor; attempts: number }, fn: () => Promise<T>): Promise<T> {
  const { nodeId, kind } = describeStepKey(key);
  const result = redactor.redact(await fn());
  const now = new Date();
  try {
    await getDb().nodeRun.upsert({
      where: { executionId_key: { executionId, key } },
      create: { executionId, key, nodeId, kind, status: "completed", attempts, result: jsonOf(result), startedAt: now, finishedAt: now },
      update: { status: "completed", attempts, result: jsonOf(result), error: null, finishedAt: now },
    });
  } catch (error) {
    throw toUserFacingError(error, { executionId, key });
  }
  return result;
}

/**
 * A pure step that failed (a bad expression, a misconfigured node): its failure is recorded like
 * any step's, so the run history shows it. Returns the error as users may see it.
 */
export async function recordPureStepFailure({ executionId, key, nodeId, kind, redactor, attempts }: { executionId: string; key: string; nodeId: string; kind: string; redactor: Redactor; attempts: number }, caught: unknown): Promise<Error> {
  const error = toUserFacingError(caught, { executionId, key });
  const message = redactor.redact(error.message);
  const now = new Date();
  await getDb()
    .nodeRun.upsert({
      where: { executionId_key: { executionId, key } },
      create: { executionId, key, nodeId, kind, status: "failed", attempts, error: message, startedAt: now, finishedAt: now },
      update: { status: "failed", attempts, error: message, finishedAt: now },
    })
    .catch((failure) => console.error(`[agentry] recording the failure of step ${key} (execution ${executionId}) failed`, failure));
  return error;
}
