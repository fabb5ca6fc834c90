import { applyMigrations } from "../db/migrations.mjs";
import { createTestDatabase } from "../db/test-database.mjs";
import { percentile, type BenchResult } from "./stats";

/** The dashboard's summary over 100,000 executions (and 100,000 model calls) in a 30-day range. */
export async function benchAnalytics(): Promise<BenchResult[]> {
  const database = await createTestDatabase({ label: "bench", log: () => {} });
  await applyMigrations({ databaseUrl: database.url });
  Object.assign(process.env, { DATABASE_URL: database.url, AGENTRY_DATABASE_DRIVER: database.driver });
  const { getDb } = await import("@/lib/db");
  const { getAnalyticsSummary } = await import("@/lib/analytics/get-analytics-summary");
  const db = getDb();
  try {
    const user = await db.user.create({ data: { email: "bench@example.test" } });
    const workspace = await db.workspace.create({ data: { name: "Bench", memberships: { create: { userId: user.id, role: "owner" } } } });
    const graph = { nodes: [], edges: [] };
    const workflowIds: string[] = [];
    const versionIds: string[] = [];
    for (let i = 0; i < 10; i++) {
      const workflow = await db.workflow.create({ data: { workspaceId: workspace.id, name: `Workflow ${i}`, graph, activeVersion: 1 } });
      workflowIds.push(workflow.id);
      versionIds.push((await db.workflowVersion.create({ data: { workflowId: workflow.id, version: 1, graph } })).id);
    }
    const seedStarted = performance.now();
    // Generated in the database: 100,000 finished runs over 30 days, one model call each.
    await db.$executeRawUnsafe(`
      INSERT INTO "Execution" (id, "workspaceId", "workflowId", "versionId", version, status, "createdAt", "startedAt", "finishedAt", "inputTokens", "outputTokens", "costUsd", "failedNodeId")
      SELECT 'bench' || g, $1, (ARRAY[${workflowIds.map((id) => `'${id}'`).join(",")}])[1 + g % 10], (ARRAY[${versionIds.map((id) => `'${id}'`).join(",")}])[1 + g % 10], 1,
             (CASE WHEN g % 10 = 0 THEN 'failed' ELSE 'completed' END)::"ExecutionStatus",
             now() - (g % 43200) * interval '1 minute', now() - (g % 43200) * interval '1 minute',
             now() - (g % 43200) * interval '1 minute' + (g % 5000) * interval '1 millisecond', 100 + g % 50, 20 + g % 30, 0.0005 + (g % 7) * 0.0001,
             CASE WHEN g % 10 = 0 THEN 'node' || (g % 3) END
      FROM generate_series(1, 100000) g`, workspace.id);
    await db.$executeRawUnsafe(`
      INSERT INTO "NodeRun" (id, "executionId", key, "nodeId", kind, status, "inputTokens", "outputTokens", "costUsd", model)
      SELECT 'nr' || g, 'bench' || g, 'node:agent', 'agent', 'node', 'completed', 100 + g % 50, 20 + g % 30, 0.0005, (ARRAY['gpt-4o-mini','claude-sonnet-4','gpt-4.1'])[1 + g % 3]
      FROM generate_series(1, 100000) g`);
    await db.$executeRawUnsafe(`ANALYZE "Execution"; ANALYZE "NodeRun"`);
    const seedSeconds = (performance.now() - seedStarted) / 1000;

    const actor = { kind: "user" as const, userId: user.id, apiKeyId: null, workspaceId: workspace.id, role: "owner" as const };
    const to = new Date(Date.now() + 60_000);
    const from = new Date(to.getTime() - 31 * 86_400_000);
    const samples: number[] = [];
    let runs = 0;
    for (let i = 0; i < 6; i++) {
      const started = performance.now();
      const summary = await getAnalyticsSummary(actor, { from, to });
      samples.push(performance.now() - started);
      runs = summary.totals.runs;
    }
    return [
      { name: `analytics summary over ${runs.toLocaleString("en")} executions, p50`, value: percentile(samples.slice(1), 50), unit: "ms" },
      { name: "analytics summary, slowest of 5", value: Math.max(...samples.slice(1)), unit: "ms" },
      { name: "seeding 100,000 executions + node runs (not part of the figure)", value: seedSeconds, unit: "s" },
    ];
  } finally {
    await db.$disconnect();
    await database.drop();
  }
}
