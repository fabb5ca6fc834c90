import { assertCan, type Actor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";

export type AnalyticsRange = { from: Date; to: Date; workflowId?: string };

const num = (value: unknown) => (value === null || value === undefined ? 0 : Number(value));

/**
 * The dashboard's numbers, computed by PostgreSQL (aggregates over indexed rows, never loading
 * runs into memory): totals, success rate, duration percentiles, runs per day by status, usage
 * and cost per model and per workflow, and the nodes that fail most.
 */
export async function getAnalyticsSummary(actor: Actor, { from, to, workflowId }: AnalyticsRange) {
  assertCan(actor, "workflows.read");
  const db = getDb();
  const scope = Prisma.sql`e."workspaceId" = ${actor.workspaceId} AND e."createdAt" >= ${from} AND e."createdAt" < ${to}${workflowId ? Prisma.sql` AND e."workflowId" = ${workflowId}` : Prisma.empty}`;

  const [totals] = await db.$queryRaw<Record<string, unknown>[]>`
    SELECT count(*) AS runs,
           count(*) FILTER (WHERE status = 'completed') AS completed,
           count(*) FILTER (WHERE status = 'failed') AS failed,
           count(*) FILTER (WHERE status = 'cancelled') AS cancelled,
           count(*) FILTER (WHERE status = 'budget_exceeded') AS "budgetExceeded",
           count(*) FILTER (WHERE status IN ('queued', 'running', 'waiting')) AS active,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM ("finishedAt" - "startedAt")) * 1000) FILTER (WHERE "finishedAt" IS NOT NULL AND "startedAt" IS NOT NULL) AS "p50Ms",
           percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM ("finishedAt" - "startedAt")) * 1000) FILTER (WHERE "finishedAt" IS NOT NULL AND "startedAt" IS NOT NULL) AS "p95Ms",
           coalesce(sum("inputTokens"), 0) AS "inputTokens",
           coalesce(sum("outputTokens"), 0) AS "outputTokens",
           coalesce(sum("costUsd"), 0) AS "costUsd"
    FROM "Execution" e WHERE ${scope}`;

  const perDay = await db.$queryRaw<Record<string, unknown>[]>`
    SELECT to_char(date_trunc('day', e."createdAt" AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS day,
           count(*) FILTER (WHERE status = 'completed') AS completed,
           count(*) FILTER (WHERE status = 'failed') AS failed,
           count(*) FILTER (WHERE status = 'cancelled') AS cancelled,
           count(*) FILTER (WHERE status = 'budget_exceeded') AS "budgetExceeded",
           count(*) FILTER (WHERE status IN ('queued', 'running', 'waiting')) AS active,
           coalesce(sum("costUsd"), 0) AS "costUsd"
    FROM "Execution" e WHERE ${scope}
    GROUP BY 1 ORDER BY 1`;

  const byModel = await db.$queryRaw<Record<string, unknown>[]>`
    SELECT n.model, count(*) AS calls, sum(n."inputTokens") AS "inputTokens", sum(n."outputTokens") AS "outputTokens", sum(n."costUsd") AS "costUsd"
    FROM "NodeRun" n JOIN "Execution" e ON e.id = n."executionId"
    WHERE ${scope} AND n.kind = 'node' AND n.model IS NOT NULL AND n.status = 'completed'
    GROUP BY n.model ORDER BY sum(n."costUsd") DESC, n.model`;

  const byWorkflow = await db.$queryRaw<Record<string, unknown>[]>`
    SELECT e."workflowId", w.name, count(*) AS runs, count(*) FILTER (WHERE e.status = 'failed') AS failed,
           sum(e."inputTokens" + e."outputTokens") AS tokens, sum(e."costUsd") AS "costUsd"
    FROM "Execution" e JOIN "Workflow" w ON w.id = e."workflowId"
    WHERE ${scope}
    GROUP BY e."workflowId", w.name ORDER BY count(*) DESC, w.name LIMIT 50`;

  const topFailingNodes = await db.$queryRaw<Record<string, unknown>[]>`
    SELECT e."workflowId", w.name AS "workflowName", e."failedNodeId" AS "nodeId", count(*) AS failures
    FROM "Execution" e JOIN "Workflow" w ON w.id = e."workflowId"
    WHERE ${scope} AND e.status = 'failed' AND e."failedNodeId" IS NOT NULL
    GROUP BY e."workflowId", w.name, e."failedNodeId" ORDER BY count(*) DESC, w.name, e."failedNodeId" LIMIT 10`;

  const finished = num(totals!.completed) + num(totals!.failed) + num(totals!.cancelled) + num(totals!.budgetExceeded);
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    totals: {
      runs: num(totals!.runs),
      completed: num(totals!.completed),
      failed: num(totals!.failed),
      cancelled: num(totals!.cancelled),
      budgetExceeded: num(totals!.budgetExceeded),
      active: num(totals!.active),
      successRate: finished ? num(totals!.completed) / finished : null,
      p50Ms: totals!.p50Ms === null ? null : Math.round(num(totals!.p50Ms)),
      p95Ms: totals!.p95Ms === null ? null : Math.round(num(totals!.p95Ms)),
      inputTokens: num(totals!.inputTokens),
      outputTokens: num(totals!.outputTokens),
      costUsd: num(totals!.costUsd),
    },
    perDay: perDay.map((row) => ({ day: String(row.day), completed: num(row.completed), failed: num(row.failed), cancelled: num(row.cancelled), budgetExceeded: num(row.budgetExceeded), active: num(row.active), costUsd: num(row.costUsd) })),
    byModel: byModel.map((row) => ({ model: String(row.model), calls: num(row.calls), inputTokens: num(row.inputTokens), outputTokens: num(row.outputTokens), costUsd: num(row.costUsd) })),
    byWorkflow: byWorkflow.map((row) => ({ workflowId: String(row.workflowId), name: String(row.name), runs: num(row.runs), failed: num(row.failed), tokens: num(row.tokens), costUsd: num(row.costUsd) })),
    topFailingNodes: topFailingNodes.map((row) => ({ workflowId: String(row.workflowId), workflowName: String(row.workflowName), nodeId: String(row.nodeId), failures: num(row.failures) })),
  };
}
