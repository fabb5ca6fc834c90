// A database of its own for each test run: a fresh database on the real PostgreSQL server
// (TEST_DATABASE_URL, default 127.0.0.1:5432), or, only when no server answers, an in-memory
// embedded PGlite — and the output says which.
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres } from "./embedded-postgres.mjs";

export const DEFAULT_TEST_SERVER_URL = "postgresql://postgres@127.0.0.1:5432/postgres";
const STALE_AFTER_MS = 6 * 60 * 60 * 1000;

/**
 * @param {{ label?: string, template?: string, log?: (line: string) => void }} [options]
 *   template: copy this database (e.g. one already migrated) instead of starting empty; it must
 *   have no open connections. Only on a PostgreSQL server.
 * @returns {Promise<{ url: string, driver: "postgres" | "embedded", name: string, drop: () => Promise<void> }>}
 */
export async function createTestDatabase({ label = "test", template, log = (line) => console.log(line) } = {}) {
  const serverUrl = process.env.TEST_DATABASE_URL || DEFAULT_TEST_SERVER_URL;
  const admin = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (error) {
    await admin.end().catch(() => {});
    log(`[test-db] PostgreSQL not reachable at ${redact(serverUrl)} (${error.code ?? error.message}): using embedded PGlite instead`);
    // scripts/test.mjs reads this and says so in its summary line.
    if (process.env.AGENTRY_TEST_REPORT_DIR) {
      fs.appendFileSync(path.join(process.env.AGENTRY_TEST_REPORT_DIR, "database-fallbacks.txt"), `${label}: no PostgreSQL at ${new URL(serverUrl).host} (${error.code ?? error.message})\n`);
    }
    const embedded = await startEmbeddedPostgres();
    return { url: embedded.url, driver: "embedded", name: "embedded", drop: () => embedded.stop() };
  }
  try {
    await dropStaleDatabases(admin);
    const name = `agentry_${label.replace(/\W/g, "_")}_${Date.now()}_${process.pid}`;
    await admin.query(template ? `CREATE DATABASE "${name}" TEMPLATE "${template}"` : `CREATE DATABASE "${name}"`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    log(`[test-db] using PostgreSQL database ${name} on ${url.host}`);
    return {
      url: url.toString(),
      driver: "postgres",
      name,
      drop: async () => {
        const client = new pg.Client({ connectionString: serverUrl });
        await client.connect();
        try {
          await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        } finally {
          await client.end();
        }
      },
    };
  } finally {
    await admin.end();
  }
}

/**
 * Drops the databases whose names start with `prefix` (e.g. the per-file copies of one run).
 * @param {string} prefix
 */
export async function dropTestDatabases(prefix) {
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL || DEFAULT_TEST_SERVER_URL });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT datname FROM pg_database WHERE starts_with(datname, $1)`, [prefix]);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

// Runs that were killed never dropped their database: clear those left for hours.
async function dropStaleDatabases(admin) {
  const { rows } = await admin.query(`SELECT datname FROM pg_database WHERE datname ~ '^agentry_\\w+_\\d{13}_\\d+$'`);
  for (const { datname } of rows) {
    const createdAt = Number(datname.split("_").at(-2));
    if (Date.now() - createdAt > STALE_AFTER_MS) {
      await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`).catch(() => {});
    }
  }
}

function redact(url) {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = "***";
  return parsed.toString();
}
