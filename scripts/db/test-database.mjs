// A database of its own for each test run: a fresh database on the real PostgreSQL server
// (TEST_DATABASE_URL, default 127.0.0.1:5432), or, only when no server answers, an in-memory
// embedded PGlite — and the output says which.
import pg from "pg";
import { startEmbeddedPostgres } from "./embedded-postgres.mjs";

export const DEFAULT_TEST_SERVER_URL = "postgresql://postgres@127.0.0.1:5432/postgres";
const STALE_AFTER_MS = 6 * 60 * 60 * 1000;

/**
 * @param {{ label?: string, log?: (line: string) => void }} [options]
 * @returns {Promise<{ url: string, driver: "postgres" | "embedded", name: string, drop: () => Promise<void> }>}
 */
export async function createTestDatabase({ label = "test", log = (line) => console.log(line) } = {}) {
  const serverUrl = process.env.TEST_DATABASE_URL || DEFAULT_TEST_SERVER_URL;
  const admin = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (error) {
    await admin.end().catch(() => {});
    log(`[test-db] PostgreSQL not reachable at ${redact(serverUrl)} (${error.code ?? error.message}): using embedded PGlite instead`);
    const embedded = await startEmbeddedPostgres();
    return { url: embedded.url, driver: "embedded", name: "embedded", drop: () => embedded.stop() };
  }
  try {
    await dropStaleDatabases(admin);
    const name = `agentry_${label.replace(/\W/g, "_")}_${Date.now()}_${process.pid}`;
    await admin.query(`CREATE DATABASE "${name}"`);
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
