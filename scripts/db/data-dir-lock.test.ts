import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { judgeOwner, lockDataDir, ownerRecord, processInfo } from "./data-dir-lock.mjs";

const LOCK_MODULE = path.resolve(import.meta.dirname, "data-dir-lock.mjs");
const dirs: string[] = [];
const children: ChildProcess[] = [];
const releases: Array<() => void> = [];
const quiet = { log: () => {} };

afterEach(() => releases.splice(0).forEach((release) => release()));
afterAll(() => {
  for (const child of children) child.kill("SIGKILL");
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

function dataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "agentry-lock-"));
  dirs.push(dir);
  return path.join(dir, "pglite");
}

function lock(dir: string, options: Parameters<typeof lockDataDir>[1] = quiet) {
  const release = lockDataDir(dir, options);
  releases.push(release);
  return release;
}

/** Starts a process and resolves with the first line it prints (a pid, or "locked"). */
function start(command: string, args: string[]): Promise<{ child: ChildProcess; line: string }> {
  const child = spawn(command, args, { stdio: ["ignore", "pipe", "inherit"] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk) => {
      out += chunk;
      if (out.includes("\n")) resolve({ child, line: out.split("\n")[0]!.trim() });
    });
    child.once("exit", (code) => reject(new Error(`${command} exited (${code}) before printing`)));
  });
}

const writeLock = (dir: string, record: unknown) => fs.writeFileSync(`${dir}.lock`, typeof record === "string" ? record : JSON.stringify(record));

describe("lockDataDir", () => {
  it("takes a free folder, and its release removes the lock file", () => {
    const dir = dataDir();
    const release = lock(dir);
    const record = JSON.parse(fs.readFileSync(`${dir}.lock`, "utf8"));
    expect(record).toMatchObject({ pid: process.pid, hostname: os.hostname() });
    expect(record.startTime).toBe(processInfo(process.pid)!.startTime);
    release();
    expect(fs.existsSync(`${dir}.lock`)).toBe(false);
  });

  it("refuses a second owner while a real owner lives (another process), at once", async () => {
    const dir = dataDir();
    const { child } = await start(process.execPath, ["--input-type=module", "-e", `import { lockDataDir } from ${JSON.stringify(LOCK_MODULE)}; lockDataDir(${JSON.stringify(dir)}, { log() {} }); console.log("locked"); setInterval(() => {}, 1000);`]);
    const started = Date.now();
    expect(() => lock(dir)).toThrow(new RegExp(`in use by process ${child.pid}\\.`));
    expect(Date.now() - started).toBeLessThan(500);
    // Once that owner is SIGKILLed, the folder is free at once (no waiting for a heartbeat).
    child.kill("SIGKILL");
    await new Promise((resolve) => child.once("exit", resolve));
    lock(dir);
    expect(JSON.parse(fs.readFileSync(`${dir}.lock`, "utf8")).pid).toBe(process.pid);
  });

  it("takes over a lock naming a live but unrelated process (a pid reused after a container restart)", async () => {
    const { child } = await start("sh", ["-c", "echo $$; exec sleep 60"]);
    const pid = child.pid!;
    const dir = dataDir();
    // The record of a launcher that had this pid before: same machine, another start time.
    writeLock(dir, { ...ownerRecord(pid), startTime: "12345" });
    expect(judgeOwner(JSON.parse(fs.readFileSync(`${dir}.lock`, "utf8")))).toBe("dead");
    lock(dir);
    expect(JSON.parse(fs.readFileSync(`${dir}.lock`, "utf8")).pid).toBe(process.pid);
    // The same with the pid-only file older versions wrote.
    const legacy = dataDir();
    writeLock(legacy, String(pid));
    lock(legacy);
    expect(JSON.parse(fs.readFileSync(`${legacy}.lock`, "utf8")).pid).toBe(process.pid);
  });

  it("counts a zombie owner as dead", async () => {
    // `sleep` inherits the shell's finished child and never reaps it: a zombie.
    const { line } = await start("sh", ["-c", "sleep 0.3 & echo $!; exec sleep 60"]);
    const zombie = Number(line);
    await expect.poll(() => processInfo(zombie)?.state, { timeout: 5_000 }).toBe("Z");
    const dir = dataDir();
    writeLock(dir, ownerRecord(zombie));
    expect(judgeOwner(ownerRecord(zombie))).toBe("dead");
    lock(dir);
    expect(JSON.parse(fs.readFileSync(`${dir}.lock`, "utf8")).pid).toBe(process.pid);
  });

  it("judges an owner on another machine by its heartbeat: stale is taken over, fresh is waited for, then refused", () => {
    const elsewhere = { ...ownerRecord(), pid: 4242, hostname: "another-host" };
    const stale = dataDir();
    writeLock(stale, elsewhere);
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(`${stale}.lock`, old, old);
    lock(stale, { ...quiet, staleMs: 1_000 });
    expect(JSON.parse(fs.readFileSync(`${stale}.lock`, "utf8")).pid).toBe(process.pid);

    const fresh = dataDir();
    writeLock(fresh, elsewhere);
    const lines: string[] = [];
    // No heartbeat follows: after staleMs the lock is stale and taken over.
    const started = Date.now();
    lock(fresh, { staleMs: 600, heartbeatMs: 200, log: (line) => lines.push(line) });
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
    expect(lines.join("\n")).toMatch(/waiting for the lock .* \(held by process 4242 on another-host/);
    expect(lines.join("\n")).toMatch(/took over the lock .* from process 4242, which stopped its heartbeat/);
  });

  it("refuses an owner on another machine whose heartbeat goes on", async () => {
    const dir = dataDir();
    writeLock(dir, { ...ownerRecord(), pid: 4242, hostname: "another-host" });
    const { child } = await start(process.execPath, ["-e", `console.log("beating"); setInterval(() => { const now = new Date(); require("fs").utimesSync(${JSON.stringify(`${dir}.lock`)}, now, now); }, 100);`]);
    // A stale limit far above the child's 100 ms beat, so a busy machine cannot make it look dead.
    expect(() => lock(dir, { ...quiet, staleMs: 2_000, heartbeatMs: 200 })).toThrow(/in use by process 4242 on another-host/);
    child.kill("SIGKILL");
  });

  it("keeps its lock fresh while held, and a release leaves someone else's lock alone", async () => {
    const dir = dataDir();
    const release = lock(dir, { ...quiet, heartbeatMs: 50 });
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(`${dir}.lock`, old, old);
    await expect.poll(() => Date.now() - fs.statSync(`${dir}.lock`).mtimeMs).toBeLessThan(5_000);
    writeLock(dir, { ...ownerRecord(), pid: 4242, hostname: "another-host" });
    release();
    expect(fs.existsSync(`${dir}.lock`)).toBe(true);
  });
});
