import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";

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

  it("with DATABASE_URL set uses that PostgreSQL", async () => {
    const { code, output } = await launch(["node", "-e", PROBE], { DATABASE_URL: inject("databaseUrl") }).done;
    expect(code, output).toBe(0);
    expect(output).not.toContain("embedded PostgreSQL");
    expect(probeResult(output).driver).toBe("postgres");
  });
});
