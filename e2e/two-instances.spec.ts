// Two app instances (the production build: scripts/launch.mjs → next start) on one PostgreSQL
// database with the local job driver, as a scaled-out self-hosted install runs them. Runs are
// started through real HTTP on either instance; they must finish exactly once, the SSE stream on
// one instance must follow a run the other executes (LISTEN/NOTIFY), schedules must fire once per
// slot, and a SIGKILLed instance's run must finish on the survivor.
//
// A Playwright spec rather than a vitest integration test: vitest runs before `next build` in
// `npm test` (scripts/test.mjs), and only the production build is the real thing.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../lib/generated/prisma/client";
import { createTestDatabase } from "../scripts/db/test-database.mjs";
import { readSse } from "../scripts/testing/sse";
import { launchProductionServer, until, type ProductionServer } from "./support/production-server";

const PORTS = { a: 3105, b: 3106 } as const;
type Name = keyof typeof PORTS;

test.describe.configure({ mode: "serial" });

type Instance = ProductionServer & { name: Name; url: string };

function launch(name: Name, env: Record<string, string>): Instance {
  const port = PORTS[name];
  const server = launchProductionServer(port, { ...process.env, SMTP_URL: "", AGENTRY_SHUTDOWN_GRACE_MS: "300", ...env, AGENTRY_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), `agentry-two-${name}-`)) });
  return { ...server, name, url: `http://127.0.0.1:${port}` };
}

const leasePid = (owner: string | null | undefined) => (owner ? Number(owner.split(":")[1]) : null);

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let db: PrismaClient;
const instances = {} as Record<Name, Instance>;
let key = "";

function api(instance: Instance, pathname: string, init: RequestInit = {}) {
  return fetch(`${instance.url}${pathname}`, { ...init, headers: { authorization: `Bearer ${key}`, "content-type": "application/json", ...init.headers } });
}

async function createPublishedWorkflow(name: string, nodes: unknown[], edges: unknown[]): Promise<string> {
  const created = await api(instances.a, "/api/v1/workflows", { method: "POST", body: JSON.stringify({ name, graph: { nodes, edges } }) });
  expect(created.status, await created.clone().text()).toBe(201);
  const { id } = await created.json();
  const published = await api(instances.b, `/api/v1/workflows/${id}/publish`, { method: "POST", body: "{}" });
  expect(published.status, await published.clone().text()).toBe(201);
  return id;
}

const node = (id: string, type: string, config: Record<string, unknown> = {}) => ({ id, type, position: { x: 0, y: 0 }, data: { label: id, config } });
const edge = (source: string, target: string) => ({ id: `${source}-${target}`, source, target });
const delayed = (seconds: number) => ({
  nodes: [node("start", "trigger.manual"), node("wait", "flow.delay", { seconds }), node("out", "flow.output", { name: "n", value: "{{ input.n }}" })],
  edges: [edge("start", "wait"), edge("wait", "out")],
});

async function startRun(instance: Instance, workflowId: string, n: number): Promise<string> {
  const response = await api(instance, `/api/v1/workflows/${workflowId}/executions`, { method: "POST", body: JSON.stringify({ input: { n } }) });
  expect(response.status, await response.clone().text()).toBe(202);
  return (await response.json()).id;
}

/** Every run ended completed, with one execution.completed event and one NodeRun per step. */
async function expectFinishedOnce(executionIds: string[]) {
  const executions = await db.execution.findMany({ where: { id: { in: executionIds } }, select: { id: true, status: true, output: true, input: true } });
  expect(executions).toHaveLength(executionIds.length);
  for (const execution of executions) expect(execution.status, execution.id).toBe("completed");
  const completed = await db.executionEvent.groupBy({ by: ["executionId"], where: { executionId: { in: executionIds }, type: "execution.completed" }, _count: true });
  expect(completed.map((row) => row._count).sort()).toEqual(executionIds.map(() => 1));
  // Node steps (kind "node"; other kinds are the run's own bookkeeping): one row per node.
  const nodeRuns = await db.nodeRun.groupBy({ by: ["executionId", "nodeId"], where: { executionId: { in: executionIds }, kind: "node" }, _count: true });
  expect(nodeRuns.length).toBeGreaterThanOrEqual(executionIds.length);
  for (const row of nodeRuns) expect(row._count, `${row.executionId} ${row.nodeId}`).toBe(1);
  return executions;
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  database = await createTestDatabase({ label: "two_instances", log: () => {} });
  // Shared secrets, as every instance of one install has: sessions and credentials work on both.
  const env = { DATABASE_URL: database.url, AUTH_SECRET: crypto.randomBytes(32).toString("base64url"), AGENTRY_ENCRYPTION_KEY: crypto.randomBytes(32).toString("base64url") };
  // Started together: both launchers migrate the fresh database at once (Prisma's advisory lock).
  instances.a = launch("a", env);
  instances.b = launch("b", env);
  for (const instance of Object.values(instances)) {
    await until(() => fetch(`${instance.url}/api/health/ready`).then((r) => r.ok, () => false), 120_000, () => `instance ${instance.name} to be ready:\n${instance.output()}`);
  }
  db = new PrismaClient({ adapter: new PrismaPg({ connectionString: database.url }) });
  // A signed-in owner (a database session, as after a magic link), who makes an API key on A.
  const sessionToken = crypto.randomUUID();
  const user = await db.user.create({ data: { email: `two-${Date.now()}@example.test`, emailVerified: new Date(), sessions: { create: { sessionToken, expires: new Date(Date.now() + 86_400_000) } } } });
  const workspace = await db.workspace.create({ data: { name: "Two instances", memberships: { create: { userId: user.id, role: "owner" } } } });
  await db.user.update({ where: { id: user.id }, data: { activeWorkspaceId: workspace.id } });
  const created = await fetch(`${instances.a.url}/api/v1/api-keys`, { method: "POST", headers: { cookie: `authjs.session-token=${sessionToken}`, "content-type": "application/json", origin: instances.a.url }, body: JSON.stringify({ name: "two instances", role: "admin" }) });
  expect(created.status, await created.clone().text()).toBe(201);
  key = (await created.json()).key;
});

test.afterAll(async () => {
  for (const instance of Object.values(instances)) {
    if (instance.child.exitCode === null && instance.child.signalCode === null) {
      instance.child.kill("SIGTERM");
      await instance.exited;
    }
  }
  await db?.$disconnect();
  await database?.drop();
});

test("20 runs started alternately on A and B all finish exactly once", async () => {
  test.setTimeout(120_000);
  const { nodes, edges } = delayed(1);
  const workflowId = await createPublishedWorkflow("Twenty runs", nodes, edges);
  const ids = await Promise.all(Array.from({ length: 20 }, (_, n) => startRun(n % 2 ? instances.b : instances.a, workflowId, n)));
  expect(new Set(ids).size).toBe(20);
  await until(async () => (await db.execution.count({ where: { id: { in: ids }, status: { in: ["completed", "failed", "cancelled"] } } })) === 20, 90_000, () => "the 20 runs to end");
  const executions = await expectFinishedOnce(ids);
  // Each run's own input came out (no run answered with another's data).
  for (const execution of executions) expect(String((execution.output as { n: unknown }).n)).toBe(String((execution.input as { n: number }).n));
  // Both instances answered the API, and nothing failed in either.
  for (const instance of Object.values(instances)) expect(instance.output()).not.toMatch(/unhandled error/);
});

test("SSE opened on A follows a run that B executes, to its last event", async () => {
  test.setTimeout(60_000);
  const { nodes, edges } = delayed(2);
  const workflowId = await createPublishedWorkflow("Streamed across instances", nodes, edges);
  const executionId = await startRun(instances.b, workflowId, 7);
  // The instance that starts a run executes it (it reserves a slot in its own worker).
  const owner = await until(async () => (await db.execution.findUnique({ where: { id: executionId } }))?.leaseOwner, 10_000, () => "the run to be leased");
  expect(leasePid(owner), "the run is executed by B").toBe(instances.b.child.pid);

  const response = await api(instances.a, `/api/v1/executions/${executionId}/events`, { headers: { accept: "text/event-stream" } });
  expect(response.status).toBe(200);
  const seen: { seq: number; type: string }[] = [];
  const { ended } = await readSse(response.body!, (message) => {
    const event = JSON.parse(message.data) as { seq: number; type: string };
    seen.push({ seq: event.seq, type: event.type });
    return false; // read until the server ends the stream after the terminal event
  });
  expect(ended).toBe(true);
  const stored = await db.executionEvent.findMany({ where: { executionId }, orderBy: { seq: "asc" }, select: { seq: true, type: true } });
  expect(seen).toEqual(stored);
  expect(seen.at(-1)!.type).toBe("execution.completed");
  expect(seen.map((event) => event.type)).toContain("node.completed");
  await expectFinishedOnce([executionId]);
});

test("a schedule fires once per slot with two instances polling", async () => {
  test.setTimeout(90_000);
  // A yearly schedule: the only slots due during the test are the ones set below.
  const workflowId = await createPublishedWorkflow("Scheduled", [node("tick", "trigger.schedule", { cron: "0 0 1 1 *" }), node("out", "flow.output", { name: "at", value: "{{ input.scheduledAt }}" })], [edge("tick", "out")]);
  const trigger = await db.trigger.findFirstOrThrow({ where: { workflowId, type: "schedule" } });
  const slots: Date[] = [];
  for (let i = 0; i < 3; i++) {
    // A slot just due: both schedulers (every 5 s) find it; only one run may come of it.
    const slot = new Date(Date.now() - 1000 - i);
    slots.push(slot);
    await db.trigger.update({ where: { id: trigger.id }, data: { nextRunAt: slot } });
    await until(async () => {
      const current = await db.trigger.findUniqueOrThrow({ where: { id: trigger.id } });
      return current.lastFiredAt?.getTime() === slot.getTime() && current.nextRunAt!.getTime() > Date.now();
    }, 20_000, () => `slot ${i + 1} to fire`);
  }
  const runs = await until(async () => {
    const found = await db.execution.findMany({ where: { workflowId, trigger: "schedule" }, select: { id: true, input: true, status: true } });
    return found.length >= 3 && found.every((run) => run.status === "completed") && found;
  }, 30_000, () => "the scheduled runs to finish");
  expect(runs.map((run) => (run.input as { scheduledAt: string }).scheduledAt).sort()).toEqual(slots.map((slot) => slot.toISOString()).sort());
  await expectFinishedOnce(runs.map((run) => run.id));
});

test("SIGKILL of the instance running a run: it finishes on the other, once", async () => {
  test.setTimeout(90_000);
  const { nodes, edges } = delayed(4);
  const workflowId = await createPublishedWorkflow("Survives a crash", nodes, edges);
  const executionId = await startRun(instances.b, workflowId, 42);
  // B is inside the delay: the trigger step is recorded, the run is leased by B.
  await until(async () => {
    const execution = await db.execution.findUnique({ where: { id: executionId } });
    const started = await db.nodeRun.count({ where: { executionId, nodeId: "start", status: "completed" } });
    return leasePid(execution?.leaseOwner) === instances.b.child.pid && started === 1;
  }, 15_000, () => `B to be running the delay:\n${instances.b.output()}`);

  process.kill(-instances.b.child.pid!, "SIGKILL");
  await instances.b.exited;
  const killedAt = Date.now();

  const finished = await until(async () => {
    const execution = await db.execution.findUniqueOrThrow({ where: { id: executionId } });
    return ["completed", "failed", "cancelled"].includes(execution.status) && execution;
  }, 60_000, () => `the run to finish on A:\n${instances.a.output()}`);
  console.log(`the run killed with B finished on A ${((Date.now() - killedAt) / 1000).toFixed(2)} s later`);
  expect(finished.status).toBe("completed");
  expect(String((finished.output as { n: unknown }).n)).toBe("42");
  await expectFinishedOnce([executionId]);
});
