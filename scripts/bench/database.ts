import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { startEmbeddedPostgres } from "../db/embedded-postgres.mjs";
import { applyMigrations } from "../db/migrations.mjs";
import { createTestDatabase } from "../db/test-database.mjs";
import { percentile, type BenchResult } from "./stats";

/** Start-up cost of the zero-config database, migration time, and query round trips per driver. */
export async function benchDatabase(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "agentry-bench-"));
  try {
    let started = performance.now();
    const cold = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "pglite") });
    results.push({ name: "embedded db start, new data folder", value: performance.now() - started, unit: "ms" });
    started = performance.now();
    await applyMigrations({ databaseUrl: cold.url });
    results.push({ name: "migrations deploy, embedded", value: performance.now() - started, unit: "ms" });
    await cold.stop();

    started = performance.now();
    const warm = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "pglite") });
    results.push({ name: "embedded db start, existing data folder", value: performance.now() - started, unit: "ms" });
    results.push(...(await queryRoundTrips("embedded", warm.url)));
    await warm.stop();
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }

  const database = await createTestDatabase({ label: "bench", log: () => {} });
  try {
    if (database.driver === "postgres") {
      const started = performance.now();
      await applyMigrations({ databaseUrl: database.url });
      results.push({ name: "migrations deploy, postgres", value: performance.now() - started, unit: "ms" });
      results.push(...(await queryRoundTrips("postgres", database.url)));
    }
  } finally {
    await database.drop();
  }
  return results;
}

async function queryRoundTrips(label: string, url: string, count = 2000): Promise<BenchResult[]> {
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
  try {
    for (let i = 0; i < 100; i++) await db.$queryRaw`SELECT 1`; // warm-up
    const samples: number[] = [];
    for (let i = 0; i < count; i++) {
      const started = performance.now();
      await db.$queryRaw`SELECT 1`;
      samples.push(performance.now() - started);
    }
    return [
      { name: `prisma SELECT 1 p50, ${label}`, value: percentile(samples, 50), unit: "ms" },
      { name: `prisma SELECT 1 p95, ${label}`, value: percentile(samples, 95), unit: "ms" },
    ];
  } finally {
    await db.$disconnect();
  }
}
