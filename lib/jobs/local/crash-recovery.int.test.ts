import type { ChildProcess } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { applyMigrations } from "@/scripts/db/migrations.mjs";
import { createTestDatabase } from "@/scripts/db/test-database.mjs";
import { asJson, gedge, ggraph, gnode } from "@/scripts/testing/workflow-fixtures";
import { startLocalWorkerProcess, until } from "@/scripts/testing/local-worker-process";

const STEP_MS = 400;

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let db: PrismaClient;
let api: http.Server;
let apiUrl: string;
const hits = new Map<string, number>();
/** The Idempotency-Key of every request, by path, in arrival order. */
const idempotencyKeys = new Map<string, string[]>();
const children: ChildProcess[] = [];

beforeAll(async () => {
  // A database of its own: the worker processes here claim any queued execution they see.
  database = await createTestDatabase({ label: "crash", log: () => {} });
  await applyMigrations({ databaseUrl: database.url });
  db = new PrismaClient({ adapter: new PrismaPg({ connectionString: database.url }) });
  api = http.createServer((request, response) => {
    const stepPath = new URL(request.url ?? "/", "http://x").pathname;
    hits.set(stepPath, (hits.get(stepPath) ?? 0) + 1);
    idempotencyKeys.set(stepPath, [...(idempotencyKeys.get(stepPath) ?? []), String(request.headers["idempotency-key"] ?? "")]);
    setTimeout(() => {
      response.setHeader("content-type", "application/json");
      response.end(JSON.stringify({ step: stepPath }));
    }, STEP_MS);
  });
  await new Promise<void>((resolve) => api.listen(0, "127.0.0.1", resolve));
  apiUrl = `http://localhost:${(api.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const child of children) child.kill("SIGKILL");
  await db?.$disconnect();
  await new Promise((resolve) => api?.close(resolve));
  await database?.drop();
});

function startWorker(): ChildProcess {
  const child = startLocalWorkerProcess({ DATABASE_URL: database.url, AGENTRY_DATABASE_DRIVER: database.driver, AGENTRY_HTTP_ALLOW: "localhost" });
  children.push(child);
  return child;
}

describe("the local driver survives a crash", () => {
  it("resumes a 5-node run after SIGKILL without re-running any completed node, re-sending the in-flight request with the same Idempotency-Key", async () => {
    const steps = [1, 2, 3, 4, 5].map((n) => gnode(`n${n}`, "integration.http", { method: "POST", url: `${apiUrl}/step/${n}` }));
    const graph = ggraph([gnode("start", "trigger.manual"), ...steps, gnode("out", "flow.output", { name: "last", value: "{{ nodes.n5.output.body.step }}" })], [
      gedge("start", "n1"), gedge("n1", "n2"), gedge("n2", "n3"), gedge("n3", "n4"), gedge("n4", "n5"), gedge("n5", "out"),
    ]);
    const user = await db.user.create({ data: { email: "crash@example.test" } });
    const workspace = await db.workspace.create({ data: { name: "Crash", memberships: { create: { userId: user.id, role: "owner" } } } });
    const workflow = await db.workflow.create({ data: { workspaceId: workspace.id, name: "Five steps", graph: asJson(graph), activeVersion: 1 } });
    const version = await db.workflowVersion.create({ data: { workflowId: workflow.id, version: 1, graph: asJson(graph) } });
    const execution = await db.execution.create({ data: { workspaceId: workspace.id, workflowId: workflow.id, versionId: version.id, version: 1 } });

    const first = startWorker();
    const completedNodes = () => db.nodeRun.findMany({ where: { executionId: execution.id, kind: "node", status: "completed", nodeId: { startsWith: "n" } }, select: { key: true } });
    // Killed while the next step's request is in flight (the API answers after STEP_MS).
    await until(async () => {
      const done = (await completedNodes()).length;
      return done >= 2 && idempotencyKeys.has(`/step/${done + 1}`);
    }, 30_000, "two steps to complete and the third request to be sent", 50);
    first.kill("SIGKILL");
    await new Promise((resolve) => first.once("exit", resolve));
    const completedBeforeCrash = (await completedNodes()).map((run) => run.key);
    const sentBeforeCrash = new Set(idempotencyKeys.keys());
    expect(completedBeforeCrash.length).toBeGreaterThanOrEqual(2);
    expect((await db.execution.findUniqueOrThrow({ where: { id: execution.id } })).status).toBe("running");

    startWorker();
    const finished = await until(async () => {
      const current = await db.execution.findUniqueOrThrow({ where: { id: execution.id } });
      return ["completed", "failed"].includes(current.status) && current;
    }, 30_000, "the execution to finish after the restart", 50);
    expect(finished.status).toBe("completed");
    expect(finished.output).toEqual({ last: "/step/5" });

    const runs = await db.nodeRun.findMany({ where: { executionId: execution.id, kind: "node" } });
    for (const key of completedBeforeCrash) {
      const nodeId = key.slice("node:".length);
      expect(runs.find((run) => run.key === key)?.attempts, `${key} ran again`).toBe(1);
      expect(hits.get(`/step/${nodeId.slice(1)}`), `${key} called its API again`).toBe(1);
    }
    for (const n of [1, 2, 3, 4, 5]) expect(hits.get(`/step/${n}`)).toBeGreaterThanOrEqual(1);

    // The request in flight at the crash went out again, with the key it had the first time;
    // every node had a key of its own.
    const inFlight = [...sentBeforeCrash].filter((stepPath) => !completedBeforeCrash.includes(`node:n${stepPath.slice("/step/".length)}`));
    expect(inFlight.length).toBeGreaterThanOrEqual(1);
    for (const stepPath of inFlight) {
      const keys = idempotencyKeys.get(stepPath)!;
      expect(keys.length, `${stepPath} was sent again after the restart`).toBeGreaterThanOrEqual(2);
      expect(keys[0]).toMatch(/^[\w-]{16,}$/);
      expect(new Set(keys), `${stepPath} kept its Idempotency-Key`).toEqual(new Set([keys[0]]));
    }
    const firstKeys = [1, 2, 3, 4, 5].map((n) => idempotencyKeys.get(`/step/${n}`)![0]);
    expect(new Set(firstKeys).size).toBe(5);
    const events = await db.executionEvent.findMany({ where: { executionId: execution.id }, orderBy: { seq: "asc" }, select: { seq: true, type: true } });
    expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));
    expect(events.filter((event) => event.type === "execution.started")).toHaveLength(1);
    expect(events.at(-1)!.type).toBe("execution.completed");
  }, 90_000);
});
