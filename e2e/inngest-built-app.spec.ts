// The Inngest driver of the production build: `next build` + scripts/launch.mjs → next start, with
// INNGEST_EVENT_KEY (selects the driver, lib/env), INNGEST_SIGNING_KEY (cloud mode: signed
// requests only) and INNGEST_BASE_URL pointing at a fake Inngest in this test process — the
// executor player (scripts/testing/inngest-executor.ts). The app's events reach the fake over
// HTTP; the player drives /api/inngest of the built app over HTTP; everything is checked through
// the app's REST API with an API key. app/api/inngest/inngest-conformance.int.test.ts covers the
// protocol in depth against the route's handlers in vitest; this spec proves the build does it.
//
// A Playwright spec rather than a vitest test: vitest runs before `next build` in `npm test`.
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../lib/generated/prisma/client";
import { createTestDatabase } from "../scripts/db/test-database.mjs";
import { canonicalJson, durationMs, fetchTransport, signInngestRequest, startFakeInngest, type Run } from "../scripts/testing/inngest-executor";
import { readSse } from "../scripts/testing/sse";
import { launchProductionServer, until, type ProductionServer } from "./support/production-server";

// Its own port (3100-3107 belong to other specs).
const PORT = 3108;
const APP = `http://127.0.0.1:${PORT}`;
const SERVE_URL = `${APP}/api/inngest`;
const FN = "agentry-execute-workflow";
const EXECUTION_REQUESTED = "workflow/execution.requested";
const SIGNING_KEY = `signkey-test-${crypto.randomBytes(32).toString("hex")}`;
const EVENT_KEY = `e2e-${crypto.randomBytes(8).toString("hex")}`;
// Sleeps this long are held by the player until the test lets them go (or the run is cancelled).
const HELD_SLEEP_MS = 3_600_000;

test.describe.configure({ mode: "serial" });

let fake: Awaited<ReturnType<typeof startFakeInngest>>;
const heldSleeps: (() => void)[] = [];
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let db: PrismaClient;
let app: ProductionServer | undefined;
let flaky: http.Server;
let flakyUrl = "";
let flakyCalls = 0;
let key = "";

function api(pathname: string, init: RequestInit = {}) {
  return fetch(`${APP}${pathname}`, { ...init, headers: { authorization: `Bearer ${key}`, "content-type": "application/json", ...init.headers } });
}

async function getJson(pathname: string) {
  const response = await api(pathname);
  expect(response.status, `${pathname}: ${await response.clone().text()}`).toBe(200);
  return response.json();
}

const node = (id: string, type: string, config: Record<string, unknown> = {}) => ({ id, type, position: { x: 0, y: 0 }, data: { label: id, config } });
const edge = (source: string, target: string, sourceHandle?: string) => ({ id: `${source}-${sourceHandle ?? "out"}-${target}`, source, target, ...(sourceHandle ? { sourceHandle } : {}) });

async function publishWorkflow(name: string, nodes: unknown[], edges: unknown[]): Promise<string> {
  const created = await api("/api/v1/workflows", { method: "POST", body: JSON.stringify({ name, graph: { nodes, edges } }) });
  expect(created.status, await created.clone().text()).toBe(201);
  const { id } = await created.json();
  const published = await api(`/api/v1/workflows/${id}/publish`, { method: "POST", body: "{}" });
  expect(published.status, await published.clone().text()).toBe(201);
  return id;
}

async function startRun(workflowId: string, input: Record<string, unknown> = {}): Promise<string> {
  const response = await api(`/api/v1/workflows/${workflowId}/executions`, { method: "POST", body: JSON.stringify({ input }) });
  expect(response.status, await response.clone().text()).toBe(202);
  return (await response.json()).id;
}

/** The player's run for an execution: the app's event reached the fake and started execute-workflow. */
const runOf = (executionId: string) =>
  until(() => fake.player.runs.find((run) => run.fnId === FN && run.event.data.executionId === executionId), 30_000, () => `the fake Inngest to start a run of ${executionId}:\n${app?.output()}`);

const statusOf = async (executionId: string) => (await getJson(`/api/v1/executions/${executionId}`)).status as string;

/** The execution's events through the REST API (SSE; the stream ends after the terminal event). */
async function eventsOf(executionId: string) {
  const response = await api(`/api/v1/executions/${executionId}/events`, { headers: { accept: "text/event-stream" } });
  expect(response.status).toBe(200);
  const events: { id: string | undefined; seq: number; type: string; nodeId: string | null }[] = [];
  const { ended } = await readSse(response.body!, (message) => {
    const event = JSON.parse(message.data) as { seq: number; type: string; nodeId: string | null };
    events.push({ id: message.id, seq: event.seq, type: event.type, nodeId: event.nodeId });
  });
  expect(ended, "the stream ends after the terminal event").toBe(true);
  return events;
}

const label = (event: { type: string; nodeId: string | null }) => (event.nodeId ? `${event.type}:${event.nodeId}` : event.type);
const opsOf = (run: Run) => run.requests.flatMap((request) => request.ops.map((op) => op.op));

test.beforeAll(async () => {
  test.setTimeout(180_000);
  // The fake Inngest first: the app needs its address (INNGEST_BASE_URL) when it starts.
  fake = await startFakeInngest({
    eventKey: EVENT_KEY,
    signingKey: SIGNING_KEY,
    maxWaitMs: 20_000,
    onSleep: ({ duration }) => (durationMs(duration) >= HELD_SLEEP_MS ? new Promise<void>((resolve) => heldSleeps.push(resolve)) : Promise.resolve()),
  });
  fake.connect(fetchTransport(SERVE_URL));

  // Fails once with 503 (retryable), then answers.
  flaky = http.createServer((_request, response) => {
    flakyCalls++;
    if (flakyCalls === 1) response.writeHead(503).end("busy");
    else response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: true, calls: flakyCalls }));
  });
  await new Promise<void>((resolve) => flaky.listen(0, "127.0.0.1", resolve));
  flakyUrl = `http://127.0.0.1:${(flaky.address() as AddressInfo).port}/flaky`;

  database = await createTestDatabase({ label: "inngest_built_app", log: () => {} });
  const env: Record<string, string> = {
    DATABASE_URL: database.url,
    AUTH_SECRET: crypto.randomBytes(32).toString("base64url"),
    AGENTRY_ENCRYPTION_KEY: crypto.randomBytes(32).toString("base64url"),
    AGENTRY_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), "agentry-inngest-built-")),
    AGENTRY_SHUTDOWN_GRACE_MS: "300",
    AGENTRY_HTTP_ALLOW: "127.0.0.1",
    SMTP_URL: "",
    // The Inngest driver in cloud mode, talking to the fake.
    INNGEST_EVENT_KEY: EVENT_KEY,
    INNGEST_SIGNING_KEY: SIGNING_KEY,
    INNGEST_BASE_URL: fake.baseUrl,
  };
  // Nothing of the SDK's environment leaks in from outside (dev mode, other endpoints or keys).
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/INNGEST_/.test(name)));
  app = launchProductionServer(PORT, { ...inherited, ...env } as NodeJS.ProcessEnv);
  const started = app;
  await until(() => fetch(`${APP}/api/health/ready`).then((r) => r.ok, () => false), 120_000, () => `the built app to be ready:\n${started.output()}`);

  // Inngest learns the app's functions by a signed in-band sync.
  const functions = await fake.player.sync(SERVE_URL);
  expect(functions.find((fn) => fn.id === FN)).toMatchObject({ events: [EXECUTION_REQUESTED], maxAttempts: 5, cancel: [expect.objectContaining({ event: "workflow/execution.cancel-requested" })] });

  // A signed-in owner (a database session) makes an API key over HTTP.
  db = new PrismaClient({ adapter: new PrismaPg({ connectionString: database.url }) });
  const sessionToken = crypto.randomUUID();
  const user = await db.user.create({ data: { email: `inngest-built-${Date.now()}@example.test`, emailVerified: new Date(), sessions: { create: { sessionToken, expires: new Date(Date.now() + 86_400_000) } } } });
  const workspace = await db.workspace.create({ data: { name: "Inngest built app", memberships: { create: { userId: user.id, role: "owner" } } } });
  await db.user.update({ where: { id: user.id }, data: { activeWorkspaceId: workspace.id } });
  const created = await fetch(`${APP}/api/v1/api-keys`, { method: "POST", headers: { cookie: `authjs.session-token=${sessionToken}`, "content-type": "application/json", origin: APP }, body: JSON.stringify({ name: "inngest e2e", role: "admin" }) });
  expect(created.status, await created.clone().text()).toBe(201);
  key = (await created.json()).key;
});

test.afterAll(async () => {
  // Held sleeps go, so no run of the player is left hanging on them.
  for (const release of heldSleeps.splice(0)) release();
  if (app && app.child.exitCode === null && app.child.signalCode === null) {
    app.child.kill("SIGTERM");
    await app.exited;
  }
  await fake?.stop();
  await new Promise<void>((resolve) => (flaky ? flaky.close(() => resolve()) : resolve()));
  await db?.$disconnect();
  await database?.drop();
});

test("a webhook run (HTTP failing once → transform → output) completes, the HTTP step retried with attempt + 1", async () => {
  test.setTimeout(90_000);
  const workflowId = await publishWorkflow(
    "Webhook to HTTP",
    [
      node("hook", "trigger.webhook"),
      node("call", "integration.http", { url: flakyUrl }),
      node("shape", "data.transform", { mode: "fields", fields: { who: "{{ input.body.name }}", calls: "{{ prev.body.calls }}" } }),
      node("out", "flow.output", { name: "result", value: "{{ prev }}" }),
    ],
    [edge("hook", "call"), edge("call", "shape"), edge("shape", "out")],
  );
  const hooks = (await getJson(`/api/v1/workflows/${workflowId}/triggers`)).items as { id: string; secret: string }[];
  expect(hooks).toHaveLength(1);
  const fired = await fetch(`${APP}/api/v1/hooks/${hooks[0]!.id}`, { method: "POST", headers: { "x-agentry-secret": hooks[0]!.secret, "content-type": "application/json" }, body: JSON.stringify({ name: "Ada" }) });
  expect(fired.status, await fired.clone().text()).toBe(202);
  const executionId = (await fired.json()).id as string;
  const run = await runOf(executionId);

  await expect.poll(() => statusOf(executionId), { timeout: 60_000 }).toBe("completed");
  const execution = await getJson(`/api/v1/executions/${executionId}`);
  expect(execution).toMatchObject({ status: "completed", trigger: "webhook", error: null, output: { result: { who: "Ada", calls: 2 } } });
  expect(execution.nodeRuns.find((step: { nodeId: string }) => step.nodeId === "call")).toMatchObject({ status: "completed", attempts: 2, output: { status: 200, body: { ok: true, calls: 2 } } });
  expect(flakyCalls).toBe(2);

  // The player saw the first attempt fail (StepError) and ran the step again with attempt 1.
  await run.done;
  expect(run.status).toBe("completed");
  const callAttempts = run.requests.flatMap((request) => request.ops.filter((op) => op.name === "node:call").map((op) => [request.attempt, op.op]));
  expect(callAttempts).toEqual([
    [0, "StepError"],
    [1, "StepRun"],
  ]);

  // Events through the API: numbered 1..n without a gap, in the order the run made them.
  const events = await eventsOf(executionId);
  expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));
  expect(events.map((event) => event.id)).toEqual(events.map((_, index) => String(index + 1)));
  expect(events.map(label)).toEqual([
    "execution.started",
    "node.started:hook",
    "node.completed:hook",
    "node.started:call", // each attempt starts the node again (as on the local driver)
    "node.started:call",
    "node.completed:call",
    "node.started:shape",
    "node.completed:shape",
    "node.started:out",
    "node.completed:out",
    "execution.completed",
  ]);
});

test("the built app's /api/inngest refuses unsigned and wrongly signed requests, accepts signed ones", async () => {
  const body = { event: { name: EXECUTION_REQUESTED, data: { executionId: "none" } }, events: [], steps: {}, ctx: { run_id: "run_e2e", attempt: 0, disable_immediate_execution: false, use_api: false, stack: { stack: [], current: 0 } } };
  const text = canonicalJson(body);
  const post = (headers: Record<string, string>, payload = text) => fetch(`${SERVE_URL}?fnId=${FN}&stepId=step`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: payload });

  expect((await post({})).status).toBe(401);
  expect((await post({ "x-inngest-signature": signInngestRequest(text, `signkey-test-${"00".repeat(32)}`) })).status).toBe(401);
  expect((await post({ "x-inngest-signature": "t=1&s=deadbeef" })).status).toBe(401);
  // A signature of another body does not cover this one.
  const altered = canonicalJson({ ...body, steps: { forged: { type: "data", data: 1 } } });
  expect((await post({ "x-inngest-signature": signInngestRequest(text, SIGNING_KEY) }, altered)).status).toBe(401);
  // An unsigned sync learns nothing.
  const sync = await fetch(SERVE_URL, { method: "PUT", headers: { "content-type": "application/json", "x-inngest-sync-kind": "in_band" }, body: JSON.stringify({ url: SERVE_URL }) });
  expect(sync.status).toBe(401);

  const signed = await post({ "x-inngest-signature": signInngestRequest(text, SIGNING_KEY) });
  expect([200, 206]).toContain(signed.status);
  expect(signed.headers.get("x-inngest-signature")).toMatch(/^t=\d+&s=[0-9a-f]{64}$/);
});

const approvalGraph = () => ({
  nodes: [node("start", "trigger.manual"), node("review", "human.approval", { message: "Ship it?", timeoutHours: 72 }), node("ship", "flow.output", { name: "result", value: "shipped" }), node("hold", "flow.output", { name: "result", value: "held" })],
  edges: [edge("start", "review"), edge("review", "ship", "approved"), edge("review", "hold", "rejected")],
});

test("an approval waits (WaitForEvent) and the run completes once it is decided through the REST API", async () => {
  test.setTimeout(90_000);
  const { nodes, edges } = approvalGraph();
  const workflowId = await publishWorkflow("Approval", nodes, edges);
  const executionId = await startRun(workflowId);
  const run = await runOf(executionId);
  const { wait } = await until(() => fake.player.pendingWaits().find((pending) => pending.run === run), 30_000, () => `the approval wait to be registered:\n${app?.output()}`);
  expect(wait).toMatchObject({ event: "workflow/approval.decided", if: `async.data.executionId == "${executionId}" && async.data.nodeId == "review"` });
  await expect.poll(() => statusOf(executionId), { timeout: 30_000 }).toBe("waiting");

  const decided = await api(`/api/v1/executions/${executionId}/approvals/review`, { method: "POST", body: JSON.stringify({ approved: true, comment: "go" }) });
  expect(decided.status, await decided.clone().text()).toBe(200);
  await expect.poll(() => statusOf(executionId), { timeout: 60_000 }).toBe("completed");
  expect((await getJson(`/api/v1/executions/${executionId}`)).output).toEqual({ result: "shipped" });
  await run.done;
  expect(run.status).toBe("completed");
  expect(opsOf(run)).toContain("WaitForEvent");
  const events = (await eventsOf(executionId)).map(label);
  expect(events).toContain("node.waiting:review");
  expect(events).not.toContain("node.started:hold");
  expect(events.at(-1)).toBe("execution.completed");
});

test("a Sub-workflow node runs its child through step.invoke (InvokeFunction)", async () => {
  test.setTimeout(90_000);
  const childId = await publishWorkflow("Child", [node("start", "trigger.manual"), node("shout", "data.code", { source: "return { shout: String(input.word).toUpperCase() };" })], [edge("start", "shout")]);
  const parentId = await publishWorkflow(
    "Parent",
    [node("start", "trigger.manual"), node("child", "flow.sub-workflow", { workflowId: childId, input: "{{ input }}" }), node("out", "flow.output", { name: "result", value: "{{ prev.shout }}" })],
    [edge("start", "child"), edge("child", "out")],
  );
  const executionId = await startRun(parentId, { word: "hello" });
  const run = await runOf(executionId);
  await expect.poll(() => statusOf(executionId), { timeout: 60_000 }).toBe("completed");
  expect((await getJson(`/api/v1/executions/${executionId}`)).output).toEqual({ result: "HELLO" });

  await run.done;
  expect(run.ops.find((op) => op.op === "InvokeFunction")).toMatchObject({ displayName: "node:child:child", opts: { function_id: FN } });
  expect(run.invoked).toHaveLength(1);
  const [childRun] = run.invoked;
  expect(childRun).toMatchObject({ fnId: FN, status: "completed", event: { name: "inngest/function.invoked" } });
  const childExecutionId = childRun!.event.data.executionId as string;
  expect(await getJson(`/api/v1/executions/${childExecutionId}`)).toMatchObject({ status: "completed", trigger: "sub-workflow", output: { shout: "HELLO" } });
  // The child ran as the invoked run only: never sent as an event of its own, nothing polled.
  expect(fake.player.sent.filter((event) => event.name === EXECUTION_REQUESTED && event.data.executionId === childExecutionId)).toEqual([]);
  expect(opsOf(run).filter((op) => op === "Sleep" || op === "WaitForEvent")).toEqual([]);
});

test("cancel through the REST API stops a run sleeping in a Delay (cancelOn)", async () => {
  test.setTimeout(90_000);
  const workflowId = await publishWorkflow(
    "Long delay",
    [node("start", "trigger.manual"), node("pause", "flow.delay", { seconds: HELD_SLEEP_MS / 1000 }), node("out", "flow.output", { name: "r", value: "after" })],
    [edge("start", "pause"), edge("pause", "out")],
  );
  const executionId = await startRun(workflowId);
  const run = await runOf(executionId);
  // The run is asleep: the player holds its Sleep.
  await until(() => run.ops.find((op) => op.op === "Sleep"), 30_000, () => `the run to reach its Sleep:\n${app?.output()}`);
  expect(run.ops.find((op) => op.op === "Sleep")).toMatchObject({ displayName: "node:pause:sleep", name: "1h" });
  expect(run.status).toBe("running");
  const requestsBefore = run.requests.length;

  const cancelled = await api(`/api/v1/executions/${executionId}/cancel`, { method: "POST" });
  expect(cancelled.status, await cancelled.clone().text()).toBe(202);
  await run.done;
  expect(run.status).toBe("cancelled");
  expect(run.requests.length, "no call to the app after the cancel").toBe(requestsBefore);
  await expect.poll(() => statusOf(executionId), { timeout: 30_000 }).toBe("cancelled");
  const events = (await eventsOf(executionId)).map(label);
  expect(events.at(-1)).toBe("execution.cancelled");
  expect(events).not.toContain("node.started:out");
});
