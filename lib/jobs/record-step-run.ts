import { getDb } from "@/lib/db";
import type { NodeResult } from "@/lib/engine/types";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Redactor } from "@/lib/jobs/redactor";

// JSON columns take Prisma.DbNull for "nothing"; values go through JSON to drop undefined.
const jsonOf = (value: unknown) => (value === undefined || value === null ? Prisma.DbNull : (JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue));

/** node:<id>…: the node id; marker steps (:started, :skipped, :sleep …) are bookkeeping. */
export function describeStepKey(key: string): { nodeId: string; kind: string } {
  const match = /^node:([^:]+)(?::iter:\d+)*(?::(\w+))?$/.exec(key);
  if (!match) return { nodeId: "", kind: "execution" };
  return { nodeId: match[1]!, kind: match[2] ?? "node" };
}

/**
 * Runs one step attempt and records it in NodeRun (both drivers): running with the attempt
 * count, then completed with input, output, tokens, cost and timings — or failed with the error.
 * Secrets are redacted before anything is stored. Returns the (redacted) result.
 */
export async function recordStepRun<T>({ executionId, key, redactor }: { executionId: string; key: string; redactor: Redactor }, fn: () => Promise<T>): Promise<T> {
  const db = getDb();
  const where = { executionId_key: { executionId, key } };
  const { nodeId, kind } = describeStepKey(key);
  await db.nodeRun.upsert({
    where,
    create: { executionId, key, nodeId, kind, status: "running", attempts: 1 },
    update: { status: "running", attempts: { increment: 1 }, error: null, startedAt: new Date(), finishedAt: null },
  });
  try {
    const result = redactor.redact(await fn());
    const nodeResult = (kind === "node" ? result : null) as NodeResult | null;
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
  } catch (error) {
    const message = redactor.redact(error instanceof Error ? error.message : String(error));
    await db.nodeRun.update({ where, data: { status: "failed", error: message, finishedAt: new Date() } });
    throw error;
  }
}
