import { applyMigrations } from "../db/migrations.mjs";
import { createTestDatabase } from "../db/test-database.mjs";
import { readSse } from "../testing/sse";
import { gedge, ggraph, gnode } from "../testing/workflow-fixtures";
import { percentile, type BenchResult } from "./stats";

/**
 * Streaming and API figures on a real database, in-process: first-event latency of a new run,
 * event delivery to 1 and 500 live subscribers, and the REST wrapper's cost over a bare query.
 */
export async function benchStreaming(): Promise<BenchResult[]> {
  const database = await createTestDatabase({ label: "bench", log: () => {} });
  await applyMigrations({ databaseUrl: database.url });
  Object.assign(process.env, { DATABASE_URL: database.url, AGENTRY_DATABASE_DRIVER: database.driver, AGENTRY_API_KEY_RATE_LIMIT: "1000000000" });
  process.env.AGENTRY_ENCRYPTION_KEY ??= "0".repeat(64);
  const { getDb } = await import("@/lib/db");
  const { getLocalWorker } = await import("@/lib/jobs/local/local-worker");
  const { startExecution } = await import("@/lib/executions/start-execution");
  const { streamExecutionEvents } = await import("@/lib/stream/stream-execution-events");
  const { ExecutionEventSink } = await import("@/lib/stream/execution-event-sink");
  const { createApiKey } = await import("@/lib/api-keys/create-api-key");
  const workflowRoute = await import("@/app/api/v1/workflows/[id]/route");
  const db = getDb();
  const results: BenchResult[] = [];
  try {
    const user = await db.user.create({ data: { email: "bench@example.test" } });
    const workspace = await db.workspace.create({ data: { name: "Bench", memberships: { create: { userId: user.id, role: "owner" } } } });
    const actor = { kind: "user" as const, userId: user.id, apiKeyId: null, workspaceId: workspace.id, role: "owner" as const };
    const graph = JSON.parse(JSON.stringify(ggraph([gnode("start", "trigger.manual"), gnode("out", "flow.output", { value: "ok" })], [gedge("start", "out")])));
    const workflow = await db.workflow.create({ data: { workspaceId: workspace.id, name: "Bench", graph, activeVersion: 1 } });
    await db.workflowVersion.create({ data: { workflowId: workflow.id, version: 1, graph } });
    getLocalWorker().start();

    // First event: from the start request to the first event in the subscriber's hands.
    const latencies: number[] = [];
    for (let i = 0; i < 30; i++) {
      const started = performance.now();
      const execution = await startExecution(actor, { workflowId: workflow.id, input: {} });
      await readSse(streamExecutionEvents({ executionId: execution.id, afterSeq: 0 }), () => true);
      latencies.push(performance.now() - started);
    }
    results.push({ name: "first event after start, p50", value: percentile(latencies, 50), unit: "ms" });
    results.push({ name: "first event after start, p95", value: percentile(latencies, 95), unit: "ms" });

    // Delivery: one writer appends events; every subscriber must receive all of them.
    for (const subscribers of [1, 500]) {
      const execution = await db.execution.create({ data: { workspaceId: workspace.id, workflowId: workflow.id, versionId: (await db.workflowVersion.findFirstOrThrow({ where: { workflowId: workflow.id } })).id, version: 1, status: "running", leaseOwner: "bench", leaseExpiresAt: new Date(Date.now() + 3600_000) } });
      const count = subscribers === 1 ? 2000 : 200;
      const readers = Array.from({ length: subscribers }, () =>
        readSse(streamExecutionEvents({ executionId: execution.id, afterSeq: 0, pollMs: 1000 }), (message) => message.event === "execution.completed"),
      );
      const sink = new ExecutionEventSink(execution.id);
      const started = performance.now();
      for (let i = 0; i < count; i++) void sink.append({ type: "node.started", nodeId: `n${i}`, data: { key: `node:n${i}` } });
      await sink.append({ type: "execution.completed", data: {} });
      await Promise.all(readers);
      const seconds = (performance.now() - started) / 1000;
      results.push({ name: `events delivered/s, ${subscribers} subscriber${subscribers === 1 ? "" : "s"} (${count} events)`, value: ((count + 1) * subscribers) / seconds, unit: "ev/s" });
    }

    // The REST wrapper (API key auth, rate limit, parsing, problem mapping) against a bare query.
    const { key } = await createApiKey(actor, { name: "bench", role: "admin" });
    const request = () => new Request(`http://bench/api/v1/workflows/${workflow.id}`, { headers: { authorization: `Bearer ${key}` } });
    const context = { params: Promise.resolve({ id: workflow.id }) };
    const wrapped: number[] = [];
    const bare: number[] = [];
    for (let i = 0; i < 1200; i++) {
      let started = performance.now();
      await (await workflowRoute.GET(request(), context)).json();
      if (i >= 200) wrapped.push(performance.now() - started);
      started = performance.now();
      Response.json(await db.workflow.findFirst({ where: { id: workflow.id, workspaceId: workspace.id } }));
      if (i >= 200) bare.push(performance.now() - started);
    }
    results.push({ name: "GET /workflows/{id} with API key, p50 / p95", value: percentile(wrapped, 50), unit: `ms / ${percentile(wrapped, 95).toFixed(2)} ms` });
    results.push({ name: "bare query for the same row, p50 / p95", value: percentile(bare, 50), unit: `ms / ${percentile(bare, 95).toFixed(2)} ms` });
    await getLocalWorker().stop();
    return results;
  } finally {
    await db.$disconnect();
    await database.drop();
  }
}
