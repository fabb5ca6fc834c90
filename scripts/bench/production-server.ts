import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export const root = path.resolve(import.meta.dirname, "../..");

export function hasProductionBuild(): boolean {
  return fs.existsSync(path.join(root, ".next", "BUILD_ID"));
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** `npm start`'s launcher on a free port: DATABASE_URL "" = the embedded database. */
export async function startServer(databaseUrl: string, extraEnv: Record<string, string> = {}) {
  const port = await freePort();
  const dbPort = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "agentry-bench-webhook-"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    AGENTRY_DATA_DIR: dataDir,
    AGENTRY_EMBEDDED_DB_PORT: String(dbPort),
    AGENTRY_WEBHOOK_RATE_LIMIT: "100000000",
    NODE_ENV: "production",
    ...extraEnv,
  };
  const child: ChildProcess = spawn(process.execPath, ["scripts/launch.mjs", "next", "start", "-p", String(port), "-H", "127.0.0.1"], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited: ${output}`);
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) break;
    } catch {
      // not yet listening
    }
    if (Date.now() > deadline) throw new Error(`server did not start: ${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    baseUrl,
    dataDir,
    databaseUrl: databaseUrl || `postgresql://postgres:postgres@127.0.0.1:${dbPort}/postgres?sslmode=disable`,
    /** Resident memory of every process of the server (launcher, embedded database, next-server). */
    rssMb: () => processTreeRssMb(child.pid!),
    async stop() {
      try {
        process.kill(-child.pid!, "SIGTERM");
      } catch {
        // already gone
      }
      await new Promise((resolve) => (child.exitCode !== null ? resolve(undefined) : child.once("exit", resolve)));
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function processTreeRssMb(pid: number): number {
  const result = spawnSync("ps", ["-o", "pid=,ppid=,rss=", "-A"], { encoding: "utf8" });
  const rows = result.stdout
    .trim()
    .split("\n")
    .map((line) => line.trim().split(/\s+/).map(Number) as [number, number, number]);
  const tree = new Set([pid]);
  for (let changed = true; changed; ) {
    changed = false;
    for (const [child, parent] of rows) {
      if (tree.has(parent) && !tree.has(child)) {
        tree.add(child);
        changed = true;
      }
    }
  }
  return rows.filter(([child]) => tree.has(child)).reduce((sum, [, , rss]) => sum + rss, 0) / 1024;
}
