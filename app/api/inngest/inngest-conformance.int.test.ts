import http from "node:http";
import type { AddressInfo } from "node:net";
import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// The Inngest driver as production runs it: INNGEST_EVENT_KEY selects it (lib/env), the serve
// endpoint checks signatures with INNGEST_SIGNING_KEY (cloud mode: no INNGEST_DEV), and the app
// sends its events to INNGEST_BASE_URL — here the test's fake Inngest, which plays the executor
// against /api/inngest over real HTTP. Set before anything reads the environment (the Inngest
// client reads it once, when it is created).
const { fake, signingKey, eventKey, previousEnv } = await vi.hoisted(async () => {
  const { startFakeInngest } = await import("@/scripts/testing/inngest-executor");
  const signingKey = `signkey-test-${"5e".repeat(32)}`;
  const eventKey = "conformance-event-key";
  const fake = await startFakeInngest({ eventKey, signingKey, maxWaitMs: 20_000 });
  const names = ["INNGEST_EVENT_KEY", "INNGEST_SIGNING_KEY", "INNGEST_BASE_URL", "INNGEST_DEV", "AGENTRY_HTTP_ALLOW"] as const;
  const previousEnv = Object.fromEntries(names.map((name) => [name, process.env[name]]));
  Object.assign(process.env, { INNGEST_EVENT_KEY: eventKey, INNGEST_SIGNING_KEY: signingKey, INNGEST_BASE_URL: fake.baseUrl, AGENTRY_HTTP_ALLOW: "127.0.0.1" });
  delete process.env.INNGEST_DEV;
  return { fake, signingKey, eventKey, previousEnv };
});

import { getDb } from "@/lib/db";
import type { WorkflowGraph } from "@/lib/engine/types";
import { APPROVAL_EVENT, EXECUTION_CANCEL_REQUESTED, EXECUTION_REQUESTED } from "@/lib/jobs/events";
import { call, createTeam, type TestUser } from "@/scripts/testing/fixtures";
import { canonicalJson, fetchTransport, INVOKED_EVENT, signInngestRequest, type Run } from "@/scripts/testing/inngest-executor";
import { startLocalWorkerProcess, until } from "@/scripts/testing/local-worker-process";
import { serveRouteHandlers } from "@/scripts/testing/serve-route-handlers";
import { gedge, ggraph, gnode } from "@/scripts/testing/workflow-fixtures";
import * as inngestRoute from "@/app/api/inngest/route";
import * as approval from "@/app/api/v1/executions/[id]/approvals/[nodeId]/route";
import * as cancel from "@/app/api/v1/executions/[id]/cancel/route";
import * as workflows from "@/app/api/v1/workflows/route";
import * as publish from "@/app/api/v1/workflows/[id]/publish/route";
import * as start from "@/app/api/v1/workflows/[id]/executions/route";

const FN = "agentry-execute-workflow";
let app: Awaited<ReturnType<typeof serveRouteHandlers>>;

beforeAll(async () => {
  // The route's own serve() handlers behind a real HTTP server (not `next start`: see docs/engine.md).
  app = await serveRouteHandlers(inngestRoute as never, "/api/inngest");
  fake.connect(fetchTransport(app.url));
  await fake.player.sync(app.url);
});
afterAll(async () => {
  await fake.player.settled();
  await app?.stop();
  await fake.stop();
  for (const [name, value] of Object.entries(previousEnv)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

/** Creates and publishes a workflow through the API; returns its id. */
async function publishWorkflow(as: TestUser, graph: WorkflowGraph, name = "Conformance") {
  const created = await call(workflows.POST, { as, body: { name, graph } });
  expect(created.status).toBe(201);
  expect((await call(publish.POST, { as, params: { id: created.body.id }, body: {} })).status).toBe(201);
  return created.body.id as string;
}

/** Starts a run through the API (which sends the event to the fake Inngest); returns its Inngest run. */
async function startRun(as: TestUser, workflowId: string, input: Record<string, unknown> = {}) {
  const started = await call(start.POST, { as, params: { id: workflowId }, body: { input } });
  expect(started.status).toBe(202);
  const executionId = started.body.id as string;
  const run = fake.player.runs.find((candidate) => candidate.fnId === FN && candidate.event.name === EXECUTION_REQUESTED && candidate.event.data.executionId === executionId);
  expect(run, "the API's event started execute-workflow").toBeDefined();
  return { executionId, run: run! };
}

const stored = (executionId: string) => getDb().execution.findUniqueOrThrow({ where: { id: executionId }, select: { status: true, output: true, error: true } });
const eventTypes = async (executionId: string) => (await getDb().executionEvent.findMany({ where: { executionId }, orderBy: { seq: "asc" }, select: { type: true, nodeId: true } })).map((event) => (event.nodeId ? `${event.type}:${event.nodeId}` : event.type));
const nodeRun = (executionId: string, key: string) => getDb().nodeRun.findUniqueOrThrow({ where: { executionId_key: { executionId, key } } });
const opsOf = (run: Run) => run.requests.flatMap((request) => request.ops.map((op) => op.op));

describe("the Inngest driver over real HTTP (a fake Inngest plays the executor against /api/inngest)", () => {
  describe("signatures", () => {
    const body = { event: { name: EXECUTION_REQUESTED, data: { executionId: "none" } }, events: [], steps: {}, ctx: { run_id: "run_x", attempt: 0, disable_immediate_execution: false, use_api: false, stack: { stack: [], current: 0 } } };
    const post = (headers: Record<string, string>, text = canonicalJson(body)) => fetch(`${app.url}?fnId=${FN}&stepId=step`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: text });

    it("refuses an unsigned request, a wrong key, an altered body and a stale timestamp (401)", async () => {
      expect((await post({})).status).toBe(401);
      expect((await post({ "x-inngest-signature": signInngestRequest(canonicalJson(body), `signkey-test-${"00".repeat(32)}`) })).status).toBe(401);
      const altered = canonicalJson({ ...body, steps: { forged: { type: "data", data: 1 } } });
      expect((await post({ "x-inngest-signature": signInngestRequest(canonicalJson(body), signingKey) }, altered)).status).toBe(401);
      expect((await post({ "x-inngest-signature": signInngestRequest(canonicalJson(body), signingKey, new Date(Date.now() - 10 * 60_000)) })).status).toBe(401);
      // An unsigned in-band sync learns nothing either.
      const sync = await fetch(app.url, { method: "PUT", headers: { "content-type": "application/json", "x-inngest-sync-kind": "in_band" }, body: JSON.stringify({ url: app.url }) });
      expect(sync.status).toBe(401);
    });

    it("accepts a signed request, and signs its answer (checked by the player on every call)", async () => {
      const response = await post({ "x-inngest-signature": signInngestRequest(canonicalJson(body), signingKey) });
      expect([200, 206]).toContain(response.status);
      expect(response.headers.get("x-inngest-signature")).toMatch(/^t=\d+&s=[0-9a-f]{64}$/);
    });

    it("learns the functions by a signed in-band sync: triggers, retries and cancelOn", () => {
      expect(fake.player.functions.get(FN)).toEqual({ id: FN, events: [EXECUTION_REQUESTED], maxAttempts: 5, cancel: [expect.objectContaining({ event: EXECUTION_CANCEL_REQUESTED })] });
    });

    it("refuses events sent with a wrong event key", async () => {
      const response = await fetch(new URL("e/wrong-key", fake.baseUrl), { method: "POST", body: JSON.stringify([{ name: "x", data: {} }]) });
      expect(response.status).toBe(401);
      expect(eventKey).not.toBe("wrong-key");
    });
  });

  it("memoizes steps: every step body runs once, later calls replay it from the stored data", async () => {
    const { owner } = await createTeam();
    const workflowId = await publishWorkflow(
      owner,
      ggraph(
        [gnode("start", "trigger.manual"), gnode("double", "data.code", { source: "return { n: input.n * 2 };" }), gnode("out", "flow.output", { name: "n", value: "{{ nodes.double.output.n }}" })],
        [gedge("start", "double"), gedge("double", "out")],
      ),
    );
    const { executionId, run } = await startRun(owner, workflowId, { n: 21 });
    await run.done;
    expect(run.status).toBe("completed");
    expect(run.result).toEqual({ status: "completed" });
    expect(await stored(executionId)).toMatchObject({ status: "completed", output: { n: 42 } });
    const runs = await getDb().nodeRun.findMany({ where: { executionId } });
    expect(runs.length).toBeGreaterThanOrEqual(4);
    expect(runs.every((step) => step.attempts === 1)).toBe(true);
    // Each call ran at most one new step; the memoized ones only replayed.
    expect(run.requests.length).toBeGreaterThanOrEqual(runs.length);
    expect(await eventTypes(executionId)).toEqual(["execution.started", "node.started:start", "node.completed:start", "node.started:double", "node.completed:double", "node.started:out", "node.completed:out", "execution.completed"]);
  });

  describe("errors", () => {
    let flaky: http.Server;
    let flakyUrl: string;
    let calls = 0;
    beforeAll(async () => {
      // Fails twice with 503 (retryable), then answers.
      flaky = http.createServer((_request, response) => {
        calls++;
        if (calls <= 2) response.writeHead(503).end("busy");
        else response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: true, calls }));
      });
      await new Promise<void>((resolve) => flaky.listen(0, "127.0.0.1", resolve));
      flakyUrl = `http://127.0.0.1:${(flaky.address() as AddressInfo).port}/`;
    });
    afterAll(() => new Promise<void>((resolve) => flaky.close(() => resolve())));

    it("retries a retryable step failure (StepError) with attempt + 1 until it succeeds", async () => {
      const { owner } = await createTeam();
      const workflowId = await publishWorkflow(owner, ggraph([gnode("start", "trigger.manual"), gnode("call", "integration.http", { url: flakyUrl })], [gedge("start", "call")]));
      const { executionId, run } = await startRun(owner, workflowId);
      await run.done;
      expect(run.status).toBe("completed");
      const stepRequests = run.requests.filter((request) => request.ops.some((op) => op.name === "node:call"));
      expect(stepRequests.map((request) => [request.attempt, request.ops.find((op) => op.name === "node:call")!.op])).toEqual([
        [0, "StepError"],
        [1, "StepError"],
        [2, "StepRun"],
      ]);
      expect(await nodeRun(executionId, "node:call")).toMatchObject({ status: "completed", attempts: 3 });
      expect(await stored(executionId)).toMatchObject({ status: "completed", output: { status: 200, body: { ok: true, calls: 3 } } });
    });

    it("ends a non-retryable failure at once (StepFailed on the first attempt) and fails the execution", async () => {
      const { owner } = await createTeam();
      const workflowId = await publishWorkflow(owner, ggraph([gnode("start", "trigger.manual"), gnode("bad", "data.code", { source: "throw new Error('nope')" })], [gedge("start", "bad")]));
      const { executionId, run } = await startRun(owner, workflowId);
      await run.done;
      expect(run.status).toBe("completed"); // the function handles the failure: the run records it
      const bad = run.requests.flatMap((request) => request.ops.filter((op) => op.name === "node:bad").map((op) => [request.attempt, op.op]));
      expect(bad).toEqual([[0, "StepFailed"]]);
      expect(await nodeRun(executionId, "node:bad")).toMatchObject({ status: "failed", attempts: 1 });
      const execution = await stored(executionId);
      expect(execution.status).toBe("failed");
      expect(execution.error).toMatch(/The code threw Error: nope/);
      expect(await eventTypes(executionId)).toEqual(expect.arrayContaining(["node.failed:bad", "execution.failed"]));
    });
  });

  it("runs parallel branches as parallel steps (StepPlanned), each in a request of its own", async () => {
    const { owner } = await createTeam();
    const workflowId = await publishWorkflow(
      owner,
      ggraph(
        [gnode("start", "trigger.manual"), gnode("a", "data.code", { source: "return 'a';" }), gnode("b", "data.code", { source: "return 'b';" }), gnode("join", "flow.merge", { mode: "object" }), gnode("out", "flow.output", { name: "joined", value: "{{ prev }}" })],
        [gedge("start", "a"), gedge("start", "b"), gedge("a", "join"), gedge("b", "join"), gedge("join", "out")],
      ),
    );
    const { executionId, run } = await startRun(owner, workflowId);
    await run.done;
    expect(run.status).toBe("completed");
    const planned = run.requests.find((request) => request.ops.filter((op) => op.op === "StepPlanned").length === 2);
    expect(planned?.ops.map((op) => op.name).sort()).toEqual(["node:a", "node:b"]);
    expect(run.requests.filter((request) => request.stepId !== "step").length).toBeGreaterThanOrEqual(2);
    expect(await stored(executionId)).toMatchObject({ status: "completed", output: { joined: { a: "a", b: "b" } } });
    expect((await getDb().nodeRun.findMany({ where: { executionId, key: { in: ["node:a", "node:b"] } } })).map((step) => step.attempts)).toEqual([1, 1]);
  });

  it("sleeps with a Sleep operation (resolved at once by the player)", async () => {
    const { owner } = await createTeam();
    const workflowId = await publishWorkflow(owner, ggraph([gnode("start", "trigger.manual"), gnode("pause", "flow.delay", { seconds: 3600 }), gnode("out", "flow.output", { name: "r", value: "after" })], [gedge("start", "pause"), gedge("pause", "out")]));
    const { executionId, run } = await startRun(owner, workflowId);
    await run.done;
    expect(run.ops.find((op) => op.op === "Sleep")).toMatchObject({ displayName: "node:pause:sleep", name: "1h" });
    expect(await stored(executionId)).toMatchObject({ status: "completed", output: { r: "after" } });
  });

  const approvalGraph = () =>
    ggraph(
      [gnode("start", "trigger.manual"), gnode("review", "human.approval", { message: "Ship it?", timeoutHours: 72 }), gnode("ship", "flow.output", { name: "result", value: "shipped" }), gnode("hold", "flow.output", { name: "result", value: "held" })],
      [gedge("start", "review"), gedge("review", "ship", "approved"), gedge("review", "hold", "rejected")],
    );
  const waitRegistered = (run: Run) => until(async () => fake.player.pendingWaits().find((pending) => pending.run === run), 15_000, "the approval wait");

  it("answers a WaitForEvent with the event the approval API sends after the wait was registered", async () => {
    const { owner } = await createTeam();
    const workflowId = await publishWorkflow(owner, approvalGraph());
    const { executionId, run } = await startRun(owner, workflowId);
    const { wait } = await waitRegistered(run);
    expect(wait).toMatchObject({ name: "node:review:approval:slice:0", event: APPROVAL_EVENT, timeout: "15s", if: `async.data.executionId == "${executionId}" && async.data.nodeId == "review"` });
    expect((await call(approval.POST, { as: owner, params: { id: executionId, nodeId: "review" }, body: { approved: true } })).status).toBe(200);
    await run.done;
    expect(run.status).toBe("completed");
    expect(await stored(executionId)).toMatchObject({ status: "completed", output: { result: "shipped" } });
    expect(await eventTypes(executionId)).toContain("node.waiting:review");
  });

  it("cancels a waiting run by its cancelOn event: no call after it, the execution ends cancelled", async () => {
    const { owner } = await createTeam();
    const workflowId = await publishWorkflow(owner, approvalGraph());
    const { executionId, run } = await startRun(owner, workflowId);
    await waitRegistered(run);
    const requestsBefore = run.requests.length;
    expect((await call(cancel.POST, { as: owner, params: { id: executionId }, body: {} })).status).toBe(202);
    await run.done;
    expect(run.status).toBe("cancelled");
    expect(run.requests.length).toBe(requestsBefore);
    expect(fake.player.pendingWaits().filter((pending) => pending.run === run)).toEqual([]);
    expect((await stored(executionId)).status).toBe("cancelled");
    expect((await eventTypes(executionId)).at(-1)).toBe("execution.cancelled");
  });

  describe("sub-workflows through step.invoke", () => {
    it("invokes the child's run (InvokeFunction) instead of sending it as an event, and uses its output", async () => {
      const { owner } = await createTeam();
      const childId = await publishWorkflow(owner, ggraph([gnode("start", "trigger.manual"), gnode("shout", "data.code", { source: "return { shout: String(input.word).toUpperCase() };" })], [gedge("start", "shout")]), "Child");
      const parentId = await publishWorkflow(
        owner,
        ggraph([gnode("start", "trigger.manual"), gnode("child", "flow.sub-workflow", { workflowId: childId, input: "{{ input }}" }), gnode("out", "flow.output", { name: "result", value: "{{ prev.shout }}" })], [gedge("start", "child"), gedge("child", "out")]),
        "Parent",
      );
      const { executionId, run } = await startRun(owner, parentId, { word: "hello" });
      await run.done;
      expect(run.status).toBe("completed");
      expect(await stored(executionId)).toMatchObject({ status: "completed", output: { result: "HELLO" } });

      const invoke = run.ops.find((op) => op.op === "InvokeFunction");
      expect(invoke).toMatchObject({ displayName: "node:child:child", opts: { function_id: FN } });
      expect(run.invoked).toHaveLength(1);
      const [childRun] = run.invoked;
      expect(childRun).toMatchObject({ fnId: FN, status: "completed", result: { status: "completed" }, event: { name: INVOKED_EVENT } });
      const child = await getDb().execution.findFirstOrThrow({ where: { parentExecutionId: executionId } });
      expect(childRun!.event.data.executionId).toBe(child.id);
      expect(child).toMatchObject({ status: "completed", trigger: "sub-workflow", depth: 1 });
      // The child was never sent as an event (that would run it a second time), and nothing polled.
      expect(fake.player.sent.filter((event) => event.name === EXECUTION_REQUESTED && event.data.executionId === child.id)).toEqual([]);
      expect(opsOf(run).filter((op) => op === "Sleep" || op === "WaitForEvent")).toEqual([]);
    });

    it("fails the parent's node with the child's error when the invoked child fails", async () => {
      const { owner } = await createTeam();
      const childId = await publishWorkflow(owner, ggraph([gnode("start", "trigger.manual"), gnode("boom", "data.code", { source: "throw new Error('child broke')" })], [gedge("start", "boom")]), "Failing child");
      const parentId = await publishWorkflow(owner, ggraph([gnode("start", "trigger.manual"), gnode("child", "flow.sub-workflow", { workflowId: childId })], [gedge("start", "child")]), "Parent");
      const { executionId, run } = await startRun(owner, parentId);
      await run.done;
      expect(run.invoked[0]?.status).toBe("completed"); // the child's function recorded its failure
      const parent = await stored(executionId);
      expect(parent.status).toBe("failed");
      expect(parent.error).toMatch(/The sub-workflow failed: .*child broke/);
    });
  });

  describe("the same fixtures through both drivers", () => {
    type Fixture = { name: string; graph: (ids: { child: string }) => WorkflowGraph; input?: Record<string, unknown>; approve?: boolean; concurrent?: boolean; failsNode?: boolean };
    const fixtures: Fixture[] = [
      {
        name: "linear",
        input: { name: "Ada" },
        graph: () =>
          ggraph(
            [gnode("start", "trigger.manual"), gnode("greet", "data.transform", { mode: "fields", fields: { text: "Hi {{ input.name }}" } }), gnode("len", "data.code", { source: "return input.text.length;" }), gnode("out", "flow.output", { name: "len", value: "{{ prev }}" })],
            [gedge("start", "greet"), gedge("greet", "len"), gedge("len", "out")],
          ),
      },
      {
        name: "branches",
        input: { n: 3 },
        concurrent: true, // the untaken branch is skipped while the taken one runs
        graph: () =>
          ggraph(
            [gnode("start", "trigger.manual"), gnode("big", "logic.condition", { left: "{{ input.n }}", operator: "equals", right: "3" }), gnode("yes", "flow.output", { name: "r", value: "three" }), gnode("no", "flow.output", { name: "r", value: "other" })],
            [gedge("start", "big"), gedge("big", "yes", "true"), gedge("big", "no", "false")],
          ),
      },
      {
        name: "parallel",
        concurrent: true,
        graph: () =>
          ggraph(
            [gnode("start", "trigger.manual"), gnode("a", "data.code", { source: "return 1;" }), gnode("b", "data.code", { source: "return 2;" }), gnode("join", "flow.merge", { mode: "array" }), gnode("out", "flow.output", { name: "r", value: "{{ prev }}" })],
            [gedge("start", "a"), gedge("start", "b"), gedge("a", "join"), gedge("b", "join"), gedge("join", "out")],
          ),
      },
      {
        name: "loop",
        input: { items: [1, 2, 3] },
        graph: () =>
          ggraph(
            [gnode("start", "trigger.manual"), gnode("each", "flow.loop", { items: "{{ input.items }}" }), gnode("sq", "data.transform", { mode: "fields", fields: { v: "{{ item }}" } }), gnode("out", "flow.output", { name: "r", value: "{{ nodes.each.output }}" })],
            [gedge("start", "each"), gedge("each", "sq", "body"), gedge("sq", "each"), gedge("each", "out", "done")],
          ),
      },
      { name: "delay", graph: () => ggraph([gnode("start", "trigger.manual"), gnode("pause", "flow.delay", { seconds: 1 }), gnode("out", "flow.output", { name: "r", value: "later" })], [gedge("start", "pause"), gedge("pause", "out")]) },
      { name: "approval decided early", approve: true, concurrent: true, graph: () => approvalGraph() },
      { name: "failure", failsNode: true, graph: () => ggraph([gnode("start", "trigger.manual"), gnode("bad", "data.code", { source: "throw new Error('nope')" })], [gedge("start", "bad")]) },
      {
        name: "failure taken to the error output",
        // The skipped output and the error branch settle in parallel.
        concurrent: true,
        graph: () =>
          ggraph(
            [gnode("start", "trigger.manual"), { ...gnode("bad", "data.code", { source: "throw new Error('nope')" }), data: { label: "bad", config: { source: "throw new Error('nope')" }, onError: "branch" } }, gnode("ok", "flow.output", { name: "r", value: "fine" }), gnode("alert", "flow.output", { name: "r", value: "{{ prev.error.message }}" })],
            [gedge("start", "bad"), gedge("bad", "ok"), gedge("bad", "alert", "error")],
          ),
      },
      {
        name: "failure continued after retries",
        graph: () =>
          ggraph(
            [gnode("start", "trigger.manual"), { ...gnode("bad", "data.code", { source: "throw new Error('nope')" }), data: { label: "bad", config: { source: "throw new Error('nope')" }, onError: "continue", retry: { maxTries: 2, waitMs: 0 } } }, gnode("out", "flow.output", { name: "r", value: "{{ prev }}" })],
            [gedge("start", "bad"), gedge("bad", "out")],
          ),
      },
      {
        name: "sub-workflow",
        input: { word: "hey" },
        graph: ({ child }) =>
          ggraph([gnode("start", "trigger.manual"), gnode("child", "flow.sub-workflow", { workflowId: child, input: "{{ input }}" }), gnode("out", "flow.output", { name: "r", value: "{{ prev.shout }}" })], [gedge("start", "child"), gedge("child", "out")]),
      },
    ];

    type Outcome = { status: string; output: unknown; error: string | null; events: string[] };
    const outcomes = new Map<string, { local: Outcome; inngest: Outcome }>();
    let worker: ChildProcess | undefined;

    const outcome = async (executionId: string): Promise<Outcome> => ({ ...(await stored(executionId)), events: await eventTypes(executionId) });
    const decide = (as: TestUser, executionId: string) => call(approval.POST, { as, params: { id: executionId, nodeId: "review" }, body: { approved: true } });

    beforeAll(async () => {
      const { owner, workspace } = await createTeam();
      const child = await publishWorkflow(owner, ggraph([gnode("start", "trigger.manual"), gnode("shout", "data.code", { source: "return { shout: String(input.word).toUpperCase() };" })], [gedge("start", "shout")]), "Child");
      const workflowIds = new Map<string, string>();
      for (const fixture of fixtures) workflowIds.set(fixture.name, await publishWorkflow(owner, fixture.graph({ child }), fixture.name));

      // Local driver first: a worker process of its own (this process is on the Inngest driver)
      // claims executions queued as the API would queue them; none of Inngest's is queued now.
      await fake.player.settled();
      const db = getDb();
      const localIds = new Map<string, string>();
      for (const fixture of fixtures) {
        const workflow = await db.workflow.findUniqueOrThrow({ where: { id: workflowIds.get(fixture.name)! }, include: { versions: true } });
        const execution = await db.execution.create({ data: { workspaceId: workspace.id, workflowId: workflow.id, versionId: workflow.versions[0]!.id, version: 1, input: (fixture.input ?? {}) as never, trigger: "api" } });
        if (fixture.approve) expect((await decide(owner, execution.id)).status).toBe(200);
        localIds.set(fixture.name, execution.id);
      }
      worker = startLocalWorkerProcess({ INNGEST_EVENT_KEY: "", INNGEST_SIGNING_KEY: "", INNGEST_BASE_URL: "" });
      const ended = ["completed", "failed", "cancelled", "budget_exceeded"];
      await until(async () => (await db.execution.count({ where: { id: { in: [...localIds.values()] }, status: { in: ended as never } } })) === localIds.size, 60_000, "the local runs");
      // Children of local parents end with them; then the worker goes, before any Inngest run is queued.
      await until(async () => (await db.execution.count({ where: { workspaceId: workspace.id, status: { notIn: ended as never } } })) === 0, 30_000, "the local children");
      worker.kill("SIGKILL");
      await new Promise((resolve) => worker!.once("exit", resolve));
      worker = undefined;

      for (const fixture of fixtures) {
        const started = await call(start.POST, { as: owner, params: { id: workflowIds.get(fixture.name)! }, body: { input: fixture.input ?? {} } });
        expect(started.status).toBe(202);
        if (fixture.approve) expect((await decide(owner, started.body.id)).status).toBe(200);
        await fake.player.runFor(started.body.id)!.done;
        outcomes.set(fixture.name, { local: await outcome(localIds.get(fixture.name)!), inngest: await outcome(started.body.id) });
      }
    }, 120_000);
    afterAll(() => {
      worker?.kill("SIGKILL");
    });

    const compare = (fixture: Fixture) => {
      const { local, inngest } = outcomes.get(fixture.name)!;
      expect(local.status).not.toBe("queued");
      // Error ids differ per run; messages must not.
      expect({ ...inngest, events: undefined }).toEqual({ ...local, events: undefined });
      if (fixture.concurrent) {
        // Parallel branches interleave differently; each node's own events keep their order.
        expect([...inngest.events].sort()).toEqual([...local.events].sort());
        const byNode = (events: string[]) => {
          const nodes: Record<string, string[]> = {};
          for (const event of events) (nodes[event.split(":")[1] ?? ""] ??= []).push(event);
          return nodes;
        };
        expect(byNode(inngest.events)).toEqual(byNode(local.events));
      } else {
        expect(inngest.events).toEqual(local.events);
      }
    };
    it.each(fixtures.map((fixture) => [fixture.name, fixture] as const))("%s: the same status, output, error and event sequence", (_name, fixture) => compare(fixture));
  });
});
