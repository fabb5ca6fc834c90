// Embedded PostgreSQL: PGlite (PostgreSQL 17 in WebAssembly) exposed on a loopback TCP port,
// so the app reaches it through the same Prisma client and `pg` driver as a real server.
import fs from "node:fs";

/**
 * Starts PGlite on a data folder (persistent) or in memory (dataDir omitted).
 * @param {{ dataDir?: string, port?: number, maxConnections?: number }} [options]
 * @returns {Promise<{ url: string, port: number, stop: () => Promise<void> }>}
 */
export async function startEmbeddedPostgres({ dataDir, port = 0, maxConnections = 32 } = {}) {
  const { PGlite } = await import("@electric-sql/pglite");
  const { PGLiteSocketServer } = await import("@electric-sql/pglite-socket");

  let releaseLock = () => {};
  if (dataDir) {
    fs.mkdirSync(dataDir, { recursive: true });
    releaseLock = lockDataDir(dataDir);
  }
  let db;
  try {
    db = dataDir ? await PGlite.create(dataDir) : await PGlite.create();
  } catch (error) {
    releaseLock();
    throw error;
  }
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port, maxConnections });
  await server.start();
  const boundPort = Number(server.getServerConn().split(":").pop());
  let stopped = false;
  return {
    url: `postgresql://postgres:postgres@127.0.0.1:${boundPort}/postgres?sslmode=disable`,
    port: boundPort,
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

// PGlite has no multi-process locking of its own: two processes on one data folder corrupt it.
function lockDataDir(dataDir) {
  const lockFile = `${dataDir}.lock`;
  try {
    const holder = Number(fs.readFileSync(lockFile, "utf8"));
    if (holder && holder !== process.pid && isAlive(holder)) {
      throw new Error(
        `The embedded database in ${dataDir} is in use by process ${holder}. ` +
          "Stop that Agentry process, or set AGENTRY_DATA_DIR to another folder.",
      );
    }
  } catch (error) {
    if (error.code !== "ENOENT") throw error;
  }
  fs.writeFileSync(lockFile, String(process.pid));
  return () => fs.rmSync(lockFile, { force: true });
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM";
  }
}
