import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createTestDatabase } from "../db/test-database.mjs";
import { hasProductionBuild, root, startServer } from "./production-server";
import { percentile, type BenchResult } from "./stats";

const CONNECTIONS = 10;
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
        results.push({ name: `GET /api/health, ${target.label}`, value: health.perSecond, unit: "req/s" });
        results.push({ name: `GET /api/health p50, ${target.label}`, value: health.p50, unit: "ms" });
        for (const transforms of [0, 8]) {
          const label = transforms ? "W10 webhook → 8 transforms → output" : "W1 webhook → output";
          const hook = seedWebhook(server.databaseUrl, server.dataDir, transforms);
          const run = await load(
            server.baseUrl,
            (n) => ({
              path: `/api/v1/hooks/${hook.triggerId}?wait=true`,
              init: { method: "POST", headers: { "content-type": "application/json", "x-agentry-secret": hook.secret }, body: JSON.stringify({ n }) },
            }),
            (n, status, body) => status === 200 && (body as { output?: { echo?: unknown } })?.output?.echo === n,
          );
          throughput[`${target.label}:${transforms}`] = run.perSecond;
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
  for (const transforms of [0, 8]) {
    const embedded = throughput[`embedded:${transforms}`];
    const postgres = throughput[`postgres:${transforms}`];
    if (embedded && postgres) results.push({ name: `${transforms ? "W10" : "W1"} embedded vs postgres server`, value: (100 * embedded) / postgres, unit: "%" });
  }
  results.push({ name: `machine: ${os.cpus().length} cores, ${os.cpus()[0]?.model.trim() ?? "?"}`, value: os.totalmem() / 2 ** 30, unit: "GiB" });
  return results;
}

type LoadResult = { perSecond: number; p50: number; failures: number; count: number };

/** CONNECTIONS loops issuing requests back to back for SECONDS; every answer is checked. */
async function load(
  baseUrl: string,
  request: (n: number) => { path: string; init: RequestInit },
  check: (n: number, status: number, body: unknown) => boolean,
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
    Array.from({ length: CONNECTIONS }, async () => {
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

function seedWebhook(databaseUrl: string, dataDir: string, transforms: number): { triggerId: string; secret: string } {
  const encryptionKey = fs.readFileSync(path.join(dataDir, "encryption-key"), "utf8").trim();
  const result = spawnSync(path.join(root, "node_modules/.bin/tsx"), ["scripts/bench/seed-webhook-workflow.ts", String(transforms)], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl, AGENTRY_ENCRYPTION_KEY: encryptionKey },
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`seeding failed: ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split("\n").at(-1)!);
}
