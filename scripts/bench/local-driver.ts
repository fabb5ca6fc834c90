import { applyMigrations } from "../db/migrations.mjs";
import { createTestDatabase } from "../db/test-database.mjs";
import { transformChain } from "./engine";
import type { BenchResult } from "./stats";

/** Executions/s of a 10-node transform chain through the local driver on a real database. */
export async function benchLocalDriver(): Promise<BenchResult[]> {
  const database = await createTestDatabase({ label: "bench", log: () => {} });
  await applyMigrations({ databaseUrl: database.url });
  process.env.DATABASE_URL = database.url;
  process.env.AGENTRY_DATABASE_DRIVER = database.driver;
  process.env.AGENTRY_ENCRYPTION_KEY ??= "0".repeat(64);
  const { getDb } = await import("@/lib/db");
  const { getLocalWorker } = await import("@/lib/jobs/local/local-worker");
  const { startExecution } = await import("@/lib/executions/start-execution");
  const db = getDb();
  try {
    const user = await db.user.create({ data: { email: "bench@example.test" } });
    const workspace = await db.workspace.create({ data: { name: "Bench", memberships: { create: { userId: user.id, role: "owner" } } } });
    const graph = JSON.parse(JSON.stringify(transformChain(10)));
    const workflow = await db.workflow.create({ data: { workspaceId: workspace.id, name: "Chain", graph, activeVersion: 1 } });
    await db.workflowVersion.create({ data: { workflowId: workflow.id, version: 1, graph } });
    const actor = { kind: "user" as const, userId: user.id, apiKeyId: null, workspaceId: workspace.id, role: "owner" as const };

    // This process's worker: starts take a free slot and run at once, the rest are claimed.
    const worker = getLocalWorker();
    const count = 200;
    const started = performance.now();
    const ids: string[] = [];
    for (let i = 0; i < count; i++) ids.push((await startExecution(actor, { workflowId: workflow.id, input: { name: `n${i}` } })).id);
    worker.start();
    for (;;) {
      const done = await db.execution.count({ where: { id: { in: ids }, status: "completed" } });
      if (done === count) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const seconds = (performance.now() - started) / 1000;
    await worker.stop();
    return [{ name: `10-node transform chain, local driver on ${database.driver} (${count} runs)`, value: count / seconds, unit: "exec/s" }];
  } finally {
    await db.$disconnect();
    await database.drop();
  }
}
