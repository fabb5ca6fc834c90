#!/usr/bin/env node
// `npm run db:migrate` (deploy), `db:migrate:status`, `db:migrate:dev -- --name <change>`.
// Works offline: see docs/database.md for why Prisma's own CLI is not used here.
import path from "node:path";
import { parseArgs } from "node:util";
import { applyMigrations, migrationStatus } from "./db/migrations.mjs";
import { createMigration } from "./db/create-migration.mjs";
import { startEmbeddedPostgres } from "./db/embedded-postgres.mjs";
import { loadEnvFiles } from "./db/load-env-files.mjs";

loadEnvFiles();

const [command = "deploy", ...rest] = process.argv.slice(2);
const { values } = parseArgs({ args: rest, options: { name: { type: "string" } } });

async function withDatabase(fn) {
  if (process.env.DATABASE_URL) return fn(process.env.DATABASE_URL, "postgres");
  const dataDir = path.resolve(process.env.AGENTRY_DATA_DIR ?? ".data", "pglite");
  const embedded = await startEmbeddedPostgres({ dataDir });
  try {
    return await fn(embedded.url, `embedded (${dataDir})`);
  } finally {
    await embedded.stop();
  }
}

try {
  if (command === "deploy") {
    await withDatabase(async (databaseUrl, label) => {
      const result = await applyMigrations({ databaseUrl, log: (line) => console.log(line) });
      for (const warning of result.warnings) console.warn(`warning: ${warning}`);
      console.log(result.applied.length ? `${result.applied.length} migration(s) applied to ${label}.` : `Database ${label} is up to date.`);
    });
  } else if (command === "status") {
    await withDatabase(async (databaseUrl, label) => {
      const { applied, pending } = await migrationStatus({ databaseUrl });
      console.log(`${label}: ${applied.length} applied, ${pending.length} pending`);
      for (const name of pending) console.log(`  pending: ${name}`);
      if (pending.length) process.exitCode = 1;
    });
  } else if (command === "dev") {
    if (!values.name) throw new Error("Give the migration a name: npm run db:migrate:dev -- --name add_workspaces");
    const { created } = await createMigration({ name: values.name });
    console.log(created ? `Created prisma/migrations/${created}/migration.sql` : "The schema has no change: no migration created.");
    if (created) {
      await withDatabase(async (databaseUrl, label) => {
        const result = await applyMigrations({ databaseUrl, log: (line) => console.log(line) });
        console.log(`${result.applied.length} migration(s) applied to ${label}.`);
      });
    }
  } else {
    throw new Error(`Unknown command "${command}": use deploy, status or dev.`);
  }
  // The wasm engine leaves a timer running for ~10 s; nothing else is pending here.
  process.exit(process.exitCode ?? 0);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
