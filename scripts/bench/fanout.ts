import { spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { createParser } from "eventsource-parser";
import { createTestDatabase } from "../db/test-database.mjs";
import { hasProductionBuild, root, startServer } from "./production-server";
import { percentile, type BenchResult } from "./stats";

const SIZES = (process.env.AGENTRY_BENCH_SUBSCRIBERS ?? "100,500,1000").split(",").map(Number);
const STEP_MS = 200;

/**
 * Live streams at scale over real HTTP on the production build (PostgreSQL server): N clients
 * follow `GET /api/v1/executions/{id}/events` of one run (5 HTTP steps of 200 ms). Delay = receive
 * time − the event's createdAt, for live events only; every client must receive every event once,
 * in order. Also the server's RSS with all streams open.
 */
export async function benchFanout(): Promise<BenchResult[]> {
  if (!hasProductionBuild()) {
    console.log("  (skipped: needs a production build — run `npm run build` first)");
    return [];
  }
  // The run's HTTP steps call this server; the first call waits until every client is connected.
  let release: () => void = () => {};
  let gate = new Promise<void>((resolve) => (release = resolve));
  const slow = http.createServer((request, response) => {
    const first = request.url?.endsWith("/step/0");
    void (first ? gate : Promise.resolve()).then(() =>
      setTimeout(() => {
        response.setHeader("content-type", "application/json");
        response.end(JSON.stringify({ ok: true }));
      }, STEP_MS),
    );
  });
  await new Promise<void>((resolve) => slow.listen(0, "127.0.0.1", resolve));
  const slowUrl = `http://127.0.0.1:${(slow.address() as AddressInfo).port}`;

  const results: BenchResult[] = [];
  const database = await createTestDatabase({ label: "bench", log: () => {} });
  const server = await startServer(database.driver === "postgres" ? database.url : "", { AGENTRY_HTTP_ALLOW: "127.0.0.1", AGENTRY_API_KEY_RATE_LIMIT: "100000000" });
  try {
    const seed = spawnSync(path.join(root, "node_modules/.bin/tsx"), ["scripts/bench/seed-fanout-workflow.ts", slowUrl], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: server.databaseUrl, AGENTRY_ENCRYPTION_KEY: fs.readFileSync(path.join(server.dataDir, "encryption-key"), "utf8").trim() },
      encoding: "utf8",
    });
    if (seed.status !== 0) throw new Error(`seeding failed: ${seed.stderr}`);
    const { workflowId, apiKey } = JSON.parse(seed.stdout.trim().split("\n").at(-1)!);
    const headers = { authorization: `Bearer ${apiKey}` };

    console.log(`  subscribers   p50 ms   p95 ms   max ms   events/client   RSS MB   (${database.driver})`);
    for (const subscribers of SIZES) {
      gate = new Promise<void>((resolve) => (release = resolve));
      const started = await fetch(`${server.baseUrl}/api/v1/workflows/${workflowId}/executions`, { method: "POST", headers: { ...headers, "content-type": "application/json" }, body: "{}" });
      const { id } = (await started.json()) as { id: string };
      const delays: number[] = [];
      const counts: number[] = [];
      let connected = 0;
      let liveFrom = Infinity;
      let orderBroken = 0;
      const clients = Array.from({ length: subscribers }, async () => {
        const response = await fetch(`${server.baseUrl}/api/v1/executions/${id}/events`, { headers });
        connected += 1;
        const reader = response.body!.getReader();
        const decoder = new TextDecoder();
        let last = 0;
        let count = 0;
        const parser = createParser({
          onEvent(message) {
            const received = Date.now();
            const event = JSON.parse(message.data) as { seq: number; createdAt: string };
            if (event.seq !== last + 1) orderBroken += 1;
            last = event.seq;
            count += 1;
            const createdAt = Date.parse(event.createdAt);
            if (createdAt >= liveFrom) delays.push(received - createdAt);
          },
        });
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          parser.feed(decoder.decode(value, { stream: true }));
        }
        counts.push(count);
      });
      while (connected < subscribers) await new Promise((resolve) => setTimeout(resolve, 20));
      await new Promise((resolve) => setTimeout(resolve, 200));
      const rss = server.rssMb();
      liveFrom = Date.now();
      release();
      await Promise.all(clients);
      const expected = Math.max(...counts);
      const complete = counts.every((count) => count === expected) && orderBroken === 0;
      console.log(
        `  ${String(subscribers).padStart(11)}   ${percentile(delays, 50).toFixed(0).padStart(6)}   ${percentile(delays, 95).toFixed(0).padStart(6)}   ${Math.max(...delays).toFixed(0).padStart(6)}   ${String(expected).padStart(13)}${complete ? "" : " (INCOMPLETE)"}   ${rss.toFixed(0).padStart(6)}`,
      );
      results.push({ name: `live event delay p50, ${subscribers} subscribers`, value: percentile(delays, 50), unit: "ms" });
      results.push({ name: `live event delay p95, ${subscribers} subscribers`, value: percentile(delays, 95), unit: "ms" });
      results.push({ name: `clients missing or misordering events, ${subscribers} subscribers`, value: complete ? 0 : counts.filter((count) => count !== expected).length + orderBroken, unit: "" });
      results.push({ name: `server RSS with ${subscribers} open streams`, value: rss, unit: "MB" });
    }
  } finally {
    await server.stop();
    await database.drop();
    slow.close();
  }
  results.push({ name: `machine: ${os.cpus().length} cores, ${os.cpus()[0]?.model.trim() ?? "?"}`, value: os.totalmem() / 2 ** 30, unit: "GiB" });
  return results;
}
