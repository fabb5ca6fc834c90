import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createTestDatabase } from "../db/test-database.mjs";
import { hasProductionBuild, root, startServer } from "./production-server";
import { percentile, type BenchResult } from "./stats";

const CONNECTIONS = 10;
// W1 and W10 are pure (run whole in memory, stored by one statement); D10 adds a 0 s Delay, so it
// takes the durable path every workflow with a side effect or a wait takes.
const WORKFLOWS = [
  { key: "W1", transforms: 0, durable: false, label: "W1 webhook → output" },
  { key: "W10", transforms: 8, durable: false, label: "W10 webhook → 8 transforms → output" },
  { key: "D10", transforms: 7, durable: true, label: "D10 webhook → 7 transforms → 0 s delay → output (durable path)" },
];
const SECONDS = Number(process.env.AGENTRY_BENCH_SECONDS) || 8;

/**
 * The product's core path over real HTTP on the production build: `POST /api/v1/hooks/{id}?wait=true`
 * with 10 connections, on the PostgreSQL server and on the zero-config embedded database, in the
 * same run, beside the bare `GET /api/health` of the same server as the reference. Every answer is
 * checked (status and the echoed input); wrong answers are counted, not hidden.
 */
export async function benchWebhook(): Promise<BenchResult[]> {
  if (!hasProductionBuild()) {
    console.log("  (skipped: needs a production build — run `npm run build` first)");
    return [];
  }
  const results: BenchResult[] = [];
  const throughput: Record<string, number> = {};
  const database = await createTestDatabase({ label: "bench", log: () => {} });
  try {
    const targets =
      database.driver === "postgres"
        ? [
            { label: "postgres", databaseUrl: database.url },
            { label: "embedded", databaseUrl: "" },
          ]
        : [{ label: "embedded", databaseUrl: "" }];
    for (const target of targets) {
      const server = await startServer(target.databaseUrl);
      try {
        const health = await load(server.baseUrl, () => ({ path: "/api/health", init: {} }), () => true);
        const healthAlone = await load(server.baseUrl, () => ({ path: "/api/health", init: {} }), () => true, 1);
        results.push({ name: `GET /api/health, ${target.label}`, value: health.perSecond, unit: "req/s" });
        results.push({ name: `GET /api/health p50, ${target.label}`, value: health.p50, unit: "ms" });
        results.push({ name: `GET /api/health one at a time p50, ${target.label}`, value: healthAlone.p50, unit: "ms" });
        for (const { key, transforms, durable, label } of WORKFLOWS) {
          const hook = seedWebhook(server.databaseUrl, server.dataDir, transforms, durable);
          const request = (n: number) => ({
            path: `/api/v1/hooks/${hook.triggerId}?wait=true`,
            init: { method: "POST", headers: { "content-type": "application/json", "x-agentry-secret": hook.secret }, body: JSON.stringify({ n }) },
          });
          const echoed = (n: number, status: number, body: unknown) => status === 200 && (body as { output?: { echo?: unknown } })?.output?.echo === n;
          const run = await load(server.baseUrl, request, echoed);
          const alone = await load(server.baseUrl, request, echoed, 1);
          results.push({ name: `${label} one at a time p50, ${target.label}`, value: alone.p50, unit: "ms" });
          results.push({ name: `${label} one at a time p50 vs health's, ${target.label}`, value: alone.p50 / healthAlone.p50, unit: "×" });
          if (key === "W10") {
            const firstEvent = await firstEventLatency(server.baseUrl, hook);
            results.push({ name: `first SSE event after the 202 p50, ${target.label}`, value: firstEvent.p50, unit: "ms" });
            results.push({ name: `first SSE event after the 202 p95, ${target.label}`, value: firstEvent.p95, unit: "ms" });
          }
          throughput[`${target.label}:${key}`] = run.perSecond;
          results.push({ name: `${label}, ${target.label}`, value: run.perSecond, unit: "runs/s" });
          results.push({ name: `${label} p50, ${target.label}`, value: run.p50, unit: "ms" });
          results.push({ name: `${label} vs health, ${target.label}`, value: (100 * run.perSecond) / health.perSecond, unit: "%" });
          results.push({ name: `${label} wrong or failed answers, ${target.label}`, value: run.failures, unit: `of ${run.count}` });
        }
        results.push({ name: `server RSS after the load, ${target.label}`, value: server.rssMb(), unit: "MB" });
      } finally {
        await server.stop();
      }
    }
  } finally {
    await database.drop();
  }
  for (const { key } of WORKFLOWS) {
    const embedded = throughput[`embedded:${key}`];
    const postgres = throughput[`postgres:${key}`];
    if (embedded && postgres) results.push({ name: `${key} embedded vs postgres server`, value: (100 * embedded) / postgres, unit: "%" });
  }
  results.push({ name: `machine: ${os.cpus().length} cores, ${os.cpus()[0]?.model.trim() ?? "?"}`, value: os.totalmem() / 2 ** 30, unit: "GiB" });
  return results;
}

type LoadResult = { perSecond: number; p50: number; failures: number; count: number };

/**
 * How long after the 202 of a webhook call (without wait) its event stream delivers the first
 * event: the stream is opened as soon as the 202 arrives, as a browser following the run would.
 */
async function firstEventLatency(baseUrl: string, hook: { triggerId: string; secret: string; apiKey: string }): Promise<{ p50: number; p95: number }> {
  const latencies: number[] = [];
  for (let n = 0; n < 60; n++) {
    const started = await fetch(`${baseUrl}/api/v1/hooks/${hook.triggerId}`, { method: "POST", headers: { "content-type": "application/json", "x-agentry-secret": hook.secret }, body: JSON.stringify({ n }) });
    const accepted = performance.now();
    const { eventsUrl } = (await started.json()) as { eventsUrl: string };
    const abort = new AbortController();
    const stream = await fetch(baseUrl + eventsUrl, { headers: { authorization: `Bearer ${hook.apiKey}`, accept: "text/event-stream" }, signal: abort.signal });
    const reader = stream.body!.getReader();
    const decoder = new TextDecoder();
    let text = "";
    while (!/^event: /m.test(text)) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`the event stream ended before its first event (HTTP ${stream.status})`);
      text += decoder.decode(value, { stream: true });
    }
    if (n >= 10) latencies.push(performance.now() - accepted); // the first ten warm up
    abort.abort();
    await reader.cancel().catch(() => {});
  }
  return { p50: percentile(latencies, 50), p95: percentile(latencies, 95) };
}

/** `connections` loops issuing requests back to back for SECONDS; every answer is checked. */
async function load(
  baseUrl: string,
  request: (n: number) => { path: string; init: RequestInit },
  check: (n: number, status: number, body: unknown) => boolean,
  connections = CONNECTIONS,
): Promise<LoadResult> {
  const latencies: number[] = [];
  let failures = 0;
  let next = 0;
  // Warm-up: compile paths, open connections.
  for (let i = 0; i < 20; i++) {
    const { path: requestPath, init } = request(next);
    await (await fetch(baseUrl + requestPath, init)).arrayBuffer();
    next += 1;
  }
  const deadline = performance.now() + SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < deadline) {
        const n = next++;
        const { path: requestPath, init } = request(n);
        const sent = performance.now();
        try {
          const response = await fetch(baseUrl + requestPath, init);
          const text = await response.text();
          let body: unknown = text;
          try {
            body = JSON.parse(text);
          } catch {
            // not JSON: the check decides
          }
          if (!check(n, response.status, body)) failures += 1;
        } catch {
          failures += 1;
        }
        latencies.push(performance.now() - sent);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { perSecond: latencies.length / seconds, p50: percentile(latencies, 50), failures, count: latencies.length };
}

function seedWebhook(databaseUrl: string, dataDir: string, transforms: number, durable: boolean): { triggerId: string; secret: string; apiKey: string } {
  const encryptionKey = fs.readFileSync(path.join(dataDir, "encryption-key"), "utf8").trim();
  const result = spawnSync(path.join(root, "node_modules/.bin/tsx"), ["scripts/bench/seed-webhook-workflow.ts", String(transforms), ...(durable ? ["durable"] : [])], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl, AGENTRY_ENCRYPTION_KEY: encryptionKey },
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`seeding failed: ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split("\n").at(-1)!);
}
