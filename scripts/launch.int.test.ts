import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { STALE_MS } from "./db/data-dir-lock.mjs";

const LAUNCHER = path.resolve(import.meta.dirname, "launch.mjs");
// What the app sees: the driver the launcher chose, and a write + read through DATABASE_URL.
const PROBE = `
const pg = require("pg");
const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
client.connect()
  .then(() => client.query(\`INSERT INTO "User" (id, email, "updatedAt") VALUES ($1, $1, now())\`, ["u" + Date.now()]))
  .then(() => client.query('SELECT count(*)::int AS users FROM "User"'))
  .then((result) => { console.log("PROBE " + JSON.stringify({ driver: process.env.AGENTRY_DATABASE_DRIVER, users: result.rows[0].users })); return client.end(); })
  .catch((error) => { console.error(error); process.exit(1); });
`;

const dataDirs: string[] = [];
afterAll(() => dataDirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function tempDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "agentry-data-"));
  dataDirs.push(dir);
  return dir;
}

function launch(args: string[], env: Record<string, string>): { child: ChildProcess; done: Promise<{ code: number | null; output: string }> } {
  const child = spawn(process.execPath, [LAUNCHER, ...args], {
    cwd: path.resolve(import.meta.dirname, ".."),
    env: { ...process.env, DATABASE_URL: "", AGENTRY_DATABASE_DRIVER: "", ...env },
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const done = new Promise<{ code: number | null; output: string }>((resolve) => child.on("exit", (code) => resolve({ code, output })));
  return { child, done };
}

function probeResult(output: string): { driver: string; users: number } {
  const line = output.split("\n").find((entry) => entry.startsWith("PROBE "));
  if (!line) throw new Error(`no probe output in:\n${output}`);
  return JSON.parse(line.slice("PROBE ".length));
}

// A run in flight: the app writes rows in a loop until it is killed.
const WRITER = `
const pg = require("pg");
const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
let n = 0;
const write = () => client.query(\`INSERT INTO "User" (id, email, "updatedAt") VALUES ($1, $1, now())\`, ["w" + Date.now() + "-" + n++])
  .then(() => { if (n === 1) console.log("WRITING"); setImmediate(write); });
client.connect().then(write).catch((error) => { console.error(error); process.exit(1); });
`;

const shellQuote = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;

function processState(pid: number): string | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[0];
  } catch {
    return undefined;
  }
}

/** Child processes of `pid`, recursively (from /proc). */
function descendants(pid: number): number[] {
  const children = fs
    .readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
        return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === pid;
      } catch {
        return false;
      }
    })
    .map(Number);
  return children.flatMap((child) => [...descendants(child), child]);
}

async function until(check: () => boolean, timeoutMs: number, what: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("scripts/launch.mjs", () => {
  it("with no DATABASE_URL starts the embedded database, migrates it, and keeps data across restarts", async () => {
    const dataDir = tempDataDir();
    const first = await launch(["node", "-e", PROBE], { AGENTRY_DATA_DIR: dataDir }).done;
    expect(first.code, first.output).toBe(0);
    expect(first.output).toContain("embedded PostgreSQL (PGlite)");
    expect(first.output).toMatch(/migration applied \d+_init/);
    expect(probeResult(first.output)).toEqual({ driver: "embedded", users: 1 });

    const second = await launch(["node", "-e", PROBE], { AGENTRY_DATA_DIR: dataDir }).done;
    expect(second.code, second.output).toBe(0);
    expect(second.output).not.toMatch(/migration applied/);
    expect(probeResult(second.output)).toEqual({ driver: "embedded", users: 2 });
  });

  it("refuses a second process on the same data folder with a clear message", async () => {
    const dataDir = tempDataDir();
    const holder = launch(["node", "-e", "setTimeout(() => {}, 60000)"], { AGENTRY_DATA_DIR: dataDir });
    try {
      await new Promise<void>((resolve, reject) => {
        let seen = "";
        holder.child.stdout!.on("data", (chunk) => {
          seen += chunk;
          if (seen.includes("embedded PostgreSQL")) resolve();
        });
        holder.done.then(({ output }) => reject(new Error(`holder exited early:\n${output}`)));
      });
      const second = await launch(["node", "-e", PROBE], { AGENTRY_DATA_DIR: dataDir }).done;
      expect(second.code).not.toBe(0);
      expect(second.output).toMatch(/in use by process \d+/);
    } finally {
      holder.child.kill("SIGTERM");
      await holder.done;
    }
    expect(fs.existsSync(`${path.join(dataDir, "pglite")}.lock`)).toBe(false);
  });

  it("starts again at once after SIGKILL of the launcher and its app mid-write, its pid a zombie", async () => {
    const dataDir = tempDataDir();
    // The launcher's parent is `sleep`, which never reaps it: after SIGKILL it stays a zombie, as
    // when a supervisor or container runtime is slow to reap. The app writes in a loop meanwhile.
    const shell = spawn("sh", ["-c", `${JSON.stringify(process.execPath)} ${JSON.stringify(LAUNCHER)} node -e ${shellQuote(WRITER)} & echo "LAUNCHER $!"; exec sleep 120`], {
      cwd: path.resolve(import.meta.dirname, ".."),
      env: { ...process.env, DATABASE_URL: "", AGENTRY_DATABASE_DRIVER: "", AGENTRY_DATA_DIR: dataDir },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    shell.stdout!.on("data", (chunk) => (output += chunk));
    shell.stderr!.on("data", (chunk) => (output += chunk));
    try {
      await until(() => /WRITING/.test(output), 30_000, () => `the app to write:\n${output}`);
      const launcher = Number(/LAUNCHER (\d+)/.exec(output)![1]);
      for (const pid of [...descendants(launcher), launcher]) process.kill(pid, "SIGKILL");
      await until(() => processState(launcher) === "Z", 5_000, () => `the launcher to be a zombie (${processState(launcher)})`);

      const restarted = performance.now();
      const again = await launch(["node", "-e", PROBE], { AGENTRY_DATA_DIR: dataDir }).done;
      const seconds = (performance.now() - restarted) / 1000;
      expect(again.code, again.output).toBe(0);
      expect(again.output).toMatch(new RegExp(`took over the lock .* from process ${launcher}, which is gone`));
      expect(probeResult(again.output).users).toBeGreaterThan(1);
      expect(seconds).toBeLessThan(STALE_MS / 1000); // waiting out a heartbeat would take longer
      console.log(`restart after SIGKILL (zombie launcher): serving and done in ${seconds.toFixed(1)} s`);
    } finally {
      shell.kill("SIGKILL");
    }
  }, 60_000);

  it("starts again at once after SIGKILL of the whole process group", async () => {
    const dataDir = tempDataDir();
    const first = spawn(process.execPath, [LAUNCHER, "node", "-e", WRITER], {
      cwd: path.resolve(import.meta.dirname, ".."),
      env: { ...process.env, DATABASE_URL: "", AGENTRY_DATABASE_DRIVER: "", AGENTRY_DATA_DIR: dataDir },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    let output = "";
    first.stdout!.on("data", (chunk) => (output += chunk));
    first.stderr!.on("data", (chunk) => (output += chunk));
    const exited = new Promise((resolve) => first.once("exit", resolve));
    await until(() => /WRITING/.test(output), 30_000, () => `the app to write:\n${output}`);
    process.kill(-first.pid!, "SIGKILL");
    await exited;
    const restarted = performance.now();
    const again = await launch(["node", "-e", PROBE], { AGENTRY_DATA_DIR: dataDir }).done;
    expect(again.code, again.output).toBe(0);
    expect(probeResult(again.output).driver).toBe("embedded");
    expect((performance.now() - restarted) / 1000).toBeLessThan(STALE_MS / 1000); // waiting out a heartbeat would take longer
  }, 60_000);

  it("with DATABASE_URL set uses that PostgreSQL", async () => {
    const { code, output } = await launch(["node", "-e", PROBE], { DATABASE_URL: inject("databaseUrl") }).done;
    expect(code, output).toBe(0);
    expect(output).not.toContain("embedded PostgreSQL");
    expect(probeResult(output).driver).toBe("postgres");
  });
});
