// Embedded PostgreSQL: PGlite (PostgreSQL 17 in WebAssembly) exposed on a loopback TCP port,
// so the app reaches it through the same Prisma client and `pg` driver as a real server. The wire
// server gives each connection the single PGlite session for whole units of work (see
// pglite-wire-server.mjs); pgvector is loaded so knowledge bases can use it.
import fs from "node:fs";
// PGlite has no multi-process locking of its own: two processes on one data folder corrupt it.
import { lockDataDir } from "./data-dir-lock.mjs";
import { createPgliteWireServer } from "./pglite-wire-server.mjs";

/**
 * Starts PGlite on a data folder (persistent) or in memory (dataDir omitted).
 * @param {{ dataDir?: string, port?: number, maxConnections?: number, idleInTransactionMs?: number }} [options]
 * @returns {Promise<{ url: string, port: number, stats: () => Record<string, number>, stop: () => Promise<void> }>}
 */
export async function startEmbeddedPostgres({ dataDir, port = 0, maxConnections = 100, idleInTransactionMs } = {}) {
  const { PGlite } = await import("@electric-sql/pglite");
  const { vector } = await import("@electric-sql/pglite/vector");

  let releaseLock = () => {};
  if (dataDir) {
    fs.mkdirSync(dataDir, { recursive: true });
    releaseLock = lockDataDir(dataDir);
  }
  let db;
  try {
    db = await PGlite.create({ ...(dataDir ? { dataDir } : {}), extensions: { vector } });
  } catch (error) {
    releaseLock();
    throw error;
  }
  const server = createPgliteWireServer({
    db,
    port,
    maxConnections,
    idleInTransactionMs: idleInTransactionMs ?? (Number(process.env.AGENTRY_EMBEDDED_IDLE_TX_MS) || 30_000),
    log: (line) => console.warn(`[agentry] embedded database: ${line}`),
  });
  let boundPort;
  try {
    boundPort = await server.start();
  } catch (error) {
    await db.close().catch(() => {});
    releaseLock();
    throw error;
  }
  let stopped = false;
  return {
    url: `postgresql://postgres:postgres@127.0.0.1:${boundPort}/postgres?sslmode=disable`,
    port: boundPort,
    stats: server.stats,
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        await server.stop();
        await db.close();
      } finally {
        releaseLock();
      }
    },
  };
}
