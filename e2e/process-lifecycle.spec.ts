// The server as an operator runs it (scripts/launch.mjs → next start on the production build):
// how many processes, what SIGTERM does to a run in flight, and a restart after SIGKILL.
import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../lib/generated/prisma/client";
import { createTestDatabase } from "../scripts/db/test-database.mjs";
import { launchProductionServer, until, type ProductionServer } from "./support/production-server";

const ROOT = path.resolve(import.meta.dirname, "..");
test.describe.configure({ mode: "serial" });

/** A slow API for HTTP nodes: holds each request until `release()` (then answers at once). */
async function startSlowApi() {
  const held: http.ServerResponse[] = [];
  let open = false;
  let hits = 0;
  const server = http.createServer((request, response) => {
    hits++;
    response.setHeader("content-type", "application/json");
    if (open) response.end(JSON.stringify({ ok: true }));
    else held.push(response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://localhost:${(server.address() as AddressInfo).port}/slow`,
    hits: () => hits,
    release() {
      open = true;
      for (const response of held.splice(0)) if (!response.destroyed) response.end(JSON.stringify({ ok: true }));
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

function launch(port: number, env: Record<string, string>): ProductionServer {
  return launchProductionServer(port, { ...process.env, AGENTRY_HTTP_ALLOW: "localhost", AGENTRY_SHUTDOWN_GRACE_MS: "300", SMTP_URL: "", ...env });
}

const healthy = (port: number) => () => fetch(`http://127.0.0.1:${port}/api/health`).then((response) => response.ok, () => false);

/** Processes whose parent is `pid` (from /proc). */
function childrenOf(pid: number): number[] {
  return fs
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
}

/** A workspace with a published two-node workflow (trigger → HTTP call) and one queued execution of it. */
async function queueSlowRun(db: PrismaClient, url: string): Promise<string> {
  const graph = {
    nodes: [
      { id: "start", type: "trigger.manual", position: { x: 0, y: 0 }, data: { label: "start", config: {} } },
      { id: "call", type: "integration.http", position: { x: 0, y: 0 }, data: { label: "call", config: { url } } },
    ],
    edges: [{ id: "start-call", source: "start", target: "call" }],
  };
  const user = await db.user.create({ data: { email: `lifecycle-${Date.now()}-${Math.random().toString(36).slice(2, 6)}@example.test` } });
  const workspace = await db.workspace.create({ data: { name: "Lifecycle", memberships: { create: { userId: user.id, role: "owner" } } } });
  const workflow = await db.workflow.create({ data: { workspaceId: workspace.id, name: "Slow call", graph, activeVersion: 1 } });
  const version = await db.workflowVersion.create({ data: { workflowId: workflow.id, version: 1, graph } });
  const execution = await db.execution.create({ data: { workspaceId: workspace.id, workflowId: workflow.id, versionId: version.id, version: 1 } });
  return execution.id;
}

test("with DATABASE_URL: one process; SIGTERM hands the running execution back and the server exits; the next start finishes it", async () => {
  test.setTimeout(120_000);
  const database = await createTestDatabase({ label: "lifecycle", log: () => {} });
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: database.url }) });
  const api = await startSlowApi();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "agentry-lifecycle-"));
  const env = { DATABASE_URL: database.url, AGENTRY_DATA_DIR: dataDir };
  try {
    const first = launch(3102, env);
    await until(healthy(3102), 60_000, () => `the server to answer:\n${first.output()}`);
    // The launcher migrated and handed its process over to Next.js: no child processes.
    expect(childrenOf(first.child.pid!), "child processes of the launcher").toEqual([]);

    const executionId = await queueSlowRun(db, api.url);
    await until(async () => api.hits() > 0 && (await db.execution.findUnique({ where: { id: executionId } }))?.leaseOwner, 30_000, () => `the run to be in flight:\n${first.output()}`);

    const signalled = Date.now();
    first.child.kill("SIGTERM");
    const exit = await first.exited;
    const seconds = (Date.now() - signalled) / 1000;
    console.log(`SIGTERM → exit ${exit.code ?? exit.signal} in ${seconds.toFixed(2)} s`);
    expect(first.output()).toMatch(/SIGTERM: stopping — 1 running execution\(s\) get 300 ms to finish, then their leases are handed back/);
    expect(exit.code).toBe(143); // Next.js's clean exit after SIGTERM
    expect(seconds).toBeLessThan(10);

    // Handed back: still running (not cancelled, not failed), nobody's lease, claimable at once.
    const handedBack = await db.execution.findUniqueOrThrow({ where: { id: executionId } });
    expect(handedBack).toMatchObject({ status: "running", leaseOwner: null, leaseExpiresAt: null, error: null });
    const events = await db.executionEvent.findMany({ where: { executionId }, select: { type: true } });
    expect(events.map((event) => event.type)).not.toContain("execution.cancelled");

    api.release();
    const second = launch(3102, env);
    try {
      const finished = await until(async () => {
        const current = await db.execution.findUniqueOrThrow({ where: { id: executionId } });
        return ["completed", "failed", "cancelled"].includes(current.status) && current;
      }, 30_000, () => `the run to finish after the restart:\n${second.output()}`);
      expect(finished.status).toBe("completed");
    } finally {
      second.child.kill("SIGTERM");
      await second.exited;
    }
  } finally {
    await api.close();
    await db.$disconnect();
    await database.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test("embedded database: SIGKILL of the whole group mid-run, start again at once — serving within seconds, the run resumes, SIGTERM frees the folder", async () => {
  test.setTimeout(180_000);
  const api = await startSlowApi();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "agentry-lifecycle-embedded-"));
  const env = { DATABASE_URL: "", AGENTRY_DATA_DIR: dataDir, AGENTRY_LEASE_MS: "10000" };
  const servers: ProductionServer[] = [];
  try {
    const first = launch(3103, env);
    servers.push(first);
    await until(healthy(3103), 90_000, () => `the server to answer:\n${first.output()}`);
    // The launcher keeps the database; Next.js is its one child.
    expect(childrenOf(first.child.pid!)).toHaveLength(1);
    const databaseUrl = /embedded PostgreSQL \(PGlite\) on (127\.0\.0\.1:\d+)/.exec(first.output())![1];
    const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: `postgresql://postgres:postgres@${databaseUrl}/postgres?sslmode=disable`, max: 1 }) });
    const executionId = await queueSlowRun(db, api.url);
    await until(() => api.hits() > 0, 30_000, () => `the run to be in flight:\n${first.output()}`);
    await db.$disconnect().catch(() => {});

    process.kill(-first.child.pid!, "SIGKILL");
    await first.exited;
    api.release();
    const restarted = Date.now();
    const second = launch(3103, env);
    servers.push(second);
    await until(healthy(3103), 30_000, () => `the server to answer after the restart:\n${second.output()}`);
    const seconds = (Date.now() - restarted) / 1000;
    console.log(`restart after SIGKILL of the group: serving in ${seconds.toFixed(2)} s`);
    expect(second.output()).toMatch(/took over the lock .* which is gone/);
    expect(seconds).toBeLessThan(10);

    const databaseUrl2 = /embedded PostgreSQL \(PGlite\) on (127\.0\.0\.1:\d+)/.exec(second.output())![1];
    const db2 = new PrismaClient({ adapter: new PrismaPg({ connectionString: `postgresql://postgres:postgres@${databaseUrl2}/postgres?sslmode=disable`, max: 1 }) });
    try {
      const finished = await until(async () => {
        const current = await db2.execution.findUniqueOrThrow({ where: { id: executionId } });
        return ["completed", "failed", "cancelled"].includes(current.status) && current;
      }, 30_000, () => `the run to finish after the restart:\n${second.output()}`);
      expect(finished.status).toBe("completed");
      console.log(`the interrupted run completed ${((Date.now() - restarted) / 1000).toFixed(2)} s after the restart`);
    } finally {
      await db2.$disconnect();
    }

    const app = childrenOf(second.child.pid!);
    second.child.kill("SIGTERM");
    const exit = await second.exited;
    expect(exit.code).toBe(143);
    expect(second.output()).toMatch(/SIGTERM: stopping/);
    for (const pid of app) expect(fs.existsSync(`/proc/${pid}`), `the app process ${pid} is gone`).toBe(false);
    expect(fs.existsSync(path.join(dataDir, "pglite.lock"))).toBe(false);
  } finally {
    for (const server of servers) if (server.child.exitCode === null && server.child.signalCode === null) process.kill(-server.child.pid!, "SIGKILL");
    await api.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test("npm start: SIGTERM to npm (which its shell does not pass on) still stops the server cleanly", async () => {
  test.setTimeout(120_000);
  const database = await createTestDatabase({ label: "lifecycle_npm", log: () => {} });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "agentry-lifecycle-npm-"));
  const npm = spawn("npm", ["start", "--", "-p", "3104", "-H", "127.0.0.1"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: database.url, AGENTRY_DATA_DIR: dataDir, SMTP_URL: "" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  npm.stdout!.on("data", (chunk) => (output += chunk));
  npm.stderr!.on("data", (chunk) => (output += chunk));
  try {
    await until(healthy(3104), 60_000, () => `the server to answer:\n${output}`);
    const group = () => fs.readdirSync("/proc").filter((entry) => /^\d+$/.test(entry)).filter((entry) => {
      try {
        const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
        return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]) === npm.pid;
      } catch {
        return false;
      }
    });
    // npm, its shell, and the server (the launcher handed its process over to Next.js).
    expect(group().length).toBe(3);
    npm.kill("SIGTERM");
    await until(() => group().length === 0, 15_000, () => `every process of npm start to exit (left: ${group().join(", ")}):\n${output}`);
    expect(output).toMatch(/SIGTERM: stopping/);
  } finally {
    try {
      process.kill(-npm.pid!, "SIGKILL");
    } catch {
      // all gone
    }
    await database.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
