import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { call, createTeam } from "@/scripts/testing/fixtures";
import { startFakeLlmServer } from "@/scripts/testing/fake-llm-server";
import { gedge, ggraph, gnode } from "@/scripts/testing/workflow-fixtures";
import type { WorkflowGraph } from "@/lib/engine/types";
import * as workflows from "@/app/api/v1/workflows/route";
import * as publish from "@/app/api/v1/workflows/[id]/publish/route";
import * as versions from "@/app/api/v1/workflows/[id]/versions/route";
import * as start from "@/app/api/v1/workflows/[id]/executions/route";
import * as executions from "@/app/api/v1/executions/route";
import * as execution from "@/app/api/v1/executions/[id]/route";
import * as cancel from "@/app/api/v1/executions/[id]/cancel/route";
import * as approval from "@/app/api/v1/executions/[id]/approvals/[nodeId]/route";
import * as credentials from "@/app/api/v1/credentials/route";
import * as nodes from "@/app/api/v1/nodes/route";

// A local API the HTTP nodes call (reached as "localhost", allow-listed below), and a fake LLM.
let api: http.Server;
let apiUrl: string;
const hits = new Map<string, number>();
let fake: Awaited<ReturnType<typeof startFakeLlmServer>>;

beforeAll(async () => {
  fake = await startFakeLlmServer({ inputTokens: 400 });
  process.env.AGENTRY_HTTP_ALLOW = "localhost";
  process.env.OPENAI_BASE_URL = fake.openaiBaseUrl;
  api = http.createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://x").pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    if (path.startsWith("/flaky") && hits.get(path) === 1) {
      response.writeHead(503);
      return response.end("try again");
    }
    response.setHeader("content-type", "application/json");
    response.end(JSON.stringify({ path, authorization: request.headers.authorization ?? null, tickets: [{ id: 1, priority: "high" }, { id: 2, priority: "low" }] }));
  });
  await new Promise<void>((resolve) => api.listen(0, "127.0.0.1", resolve));
  apiUrl = `http://localhost:${(api.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => api.close(resolve));
  await fake.stop();
});

async function createPublished(as: { cookie: string }, graph: WorkflowGraph) {
  const created = await call(workflows.POST, { as, body: { name: "Flow", graph } });
  expect(created.status).toBe(201);
  const published = await call(publish.POST, { as, params: { id: created.body.id }, body: {} });
  expect(published.status, JSON.stringify(published.body)).toBe(201);
  return created.body.id as string;
}

async function waitForStatus(as: { cookie: string }, id: string, statuses: string[], timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await call(execution.GET, { as, params: { id } });
    if (statuses.includes(result.body.status)) return result.body;
    if (Date.now() > deadline) throw new Error(`execution ${id} is ${result.body.status}, not ${statuses.join("/")}: ${JSON.stringify(result.body)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function eventsOf(executionId: string) {
  return getDb().executionEvent.findMany({ where: { executionId }, orderBy: { seq: "asc" }, select: { seq: true, type: true, nodeId: true, data: true } });
}

describe("publishing", () => {
  it("refuses an invalid graph with 422 and errors tied to nodes", async () => {
    const { owner } = await createTeam();
    const graph = ggraph([gnode("start", "trigger.manual"), gnode("check", "logic.condition", { operator: "equals" }), gnode("lost", "data.transform", { mode: "template", template: "x" })], [gedge("start", "check")]);
    const created = await call(workflows.POST, { as: owner, body: { name: "Broken", graph } });
    const result = await call(publish.POST, { as: owner, params: { id: created.body.id }, body: {} });
    expect(result.status).toBe(422);
    expect(result.body.errors).toEqual(expect.arrayContaining([
      expect.objectContaining({ nodeId: "check", path: "graph.nodes.1.data.config.left" }),
      expect.objectContaining({ nodeId: "lost", message: "No trigger leads to this node: connect it or remove it." }),
    ]));
  });

  it("snapshots versions; runs pin the version they started on", async () => {
    const { owner } = await createTeam();
    const graph = ggraph([gnode("start", "trigger.manual"), gnode("out", "flow.output", { name: "v", value: "one" })], [gedge("start", "out")]);
    const id = await createPublished(owner, graph);
    await call(workflows.GET, { as: owner });
    const { PATCH } = await import("@/app/api/v1/workflows/[id]/route");
    await call(PATCH, { as: owner, params: { id }, body: { graph: { ...graph, nodes: [graph.nodes[0]!, gnode("out", "flow.output", { name: "v", value: "two" })] } } });
    await call(publish.POST, { as: owner, params: { id }, body: { note: "second" } });
    const listed = await call(versions.GET, { as: owner, params: { id } });
    expect(listed.body.items.map((v: { version: number; active: boolean }) => [v.version, v.active])).toEqual([[2, true], [1, false]]);
    const { POST: activate } = await import("@/app/api/v1/workflows/[id]/versions/[version]/activate/route");
    const rolledBack = await call(activate, { as: owner, params: { id, version: "1" } });
    expect(rolledBack.body.activeVersion).toBe(1);
    const { GET: getWorkflow } = await import("@/app/api/v1/workflows/[id]/route");
    expect((await call(getWorkflow, { as: owner, params: { id } })).body.graph.nodes[1].data.config.value).toBe("one");
    const onActive = await call(start.POST, { as: owner, params: { id }, body: {} });
    expect((await waitForStatus(owner, onActive.body.id, ["completed"])).output).toEqual({ v: "one" });
    expect((await call(activate, { as: owner, params: { id, version: "9" } })).status).toBe(404);
    const onOne = await call(start.POST, { as: owner, params: { id }, body: { version: 1 } });
    const onTwo = await call(start.POST, { as: owner, params: { id }, body: { version: 2 } });
    expect((await waitForStatus(owner, onOne.body.id, ["completed"])).output).toEqual({ v: "one" });
    expect((await waitForStatus(owner, onTwo.body.id, ["completed"])).output).toEqual({ v: "two" });
  });
});

describe("executions on the local driver", () => {
  it("runs a workflow with HTTP, branching and a loop; records every node run and a gap-free event sequence", async () => {
    const { owner } = await createTeam();
    const graph = ggraph(
      [
        gnode("start", "trigger.manual"),
        gnode("fetch", "integration.http", { url: `${apiUrl}/tickets?team={{ input.team }}` }),
        gnode("each", "flow.loop", { items: "{{ nodes.fetch.output.body.tickets }}" }),
        gnode("urgent", "logic.condition", { left: "{{ item.priority }}", operator: "equals", right: "high" }),
        gnode("page", "data.transform", { mode: "fields", fields: { id: "{{ item.id }}", action: "page" } }),
        gnode("queue", "data.transform", { mode: "fields", fields: { id: "{{ item.id }}", action: "queue" } }),
        gnode("join", "flow.merge", { mode: "array" }),
        gnode("out", "flow.output", { name: "plan", value: "{{ nodes.each.output }}" }),
      ],
      [gedge("start", "fetch"), gedge("fetch", "each"), gedge("each", "urgent", "body"), gedge("urgent", "page", "true"), gedge("urgent", "queue", "false"), gedge("page", "join"), gedge("queue", "join"), gedge("join", "each"), gedge("each", "out", "done")],
    );
    const id = await createPublished(owner, graph);
    const started = await call(start.POST, { as: owner, params: { id }, body: { input: { team: "support" } } });
    expect(started.status).toBe(202);
    expect(started.body.eventsUrl).toBe(`/api/v1/executions/${started.body.id}/events`);
    const done = await waitForStatus(owner, started.body.id, ["completed", "failed"]);
    expect(done.status, done.error).toBe("completed");
    expect(done.output).toEqual({ plan: [[{ id: 1, action: "page" }], [{ id: 2, action: "queue" }]] });
    expect(done.nodeRuns.map((run: { key: string }) => run.key)).toEqual(expect.arrayContaining(["node:fetch", "node:urgent:iter:0", "node:page:iter:0", "node:queue:iter:1"]));
    const fetchRun = done.nodeRuns.find((run: { key: string }) => run.key === "node:fetch");
    expect(fetchRun).toMatchObject({ status: "completed", attempts: 1, input: { config: { url: `${apiUrl}/tickets?team=support` } } });
    expect(fetchRun.finishedAt).not.toBeNull();

    const events = await eventsOf(started.body.id);
    expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));
    expect(events[0]!.type).toBe("execution.started");
    expect(events.at(-1)!.type).toBe("execution.completed");
    expect(events.filter((event) => event.type === "node.skipped").map((event) => event.nodeId).sort()).toEqual(["page", "queue"]);
  });

  it("returns the same execution for the same idempotency key", async () => {
    const { owner } = await createTeam();
    const id = await createPublished(owner, ggraph([gnode("start", "trigger.manual"), gnode("out", "flow.output", { value: "x" })], [gedge("start", "out")]));
    const [a, b] = await Promise.all([
      call(start.POST, { as: owner, params: { id }, body: { idempotencyKey: "order-42" } }),
      call(start.POST, { as: owner, params: { id }, body: { idempotencyKey: "order-42" } }),
    ]);
    expect(a.body.id).toBe(b.body.id);
    expect((await call(executions.GET, { as: owner, query: { workflowId: id } })).body.items).toHaveLength(1);
  });

  it("retries a transient HTTP failure with backoff and records the attempts", async () => {
    const { owner } = await createTeam();
    const path = `/flaky-${Date.now()}`;
    const id = await createPublished(owner, ggraph([gnode("start", "trigger.manual"), gnode("call", "integration.http", { url: `${apiUrl}${path}` })], [gedge("start", "call")]));
    const started = await call(start.POST, { as: owner, params: { id }, body: {} });
    const done = await waitForStatus(owner, started.body.id, ["completed", "failed"]);
    expect(done.status).toBe("completed");
    expect(done.nodeRuns.find((run: { key: string }) => run.key === "node:call")).toMatchObject({ attempts: 2, status: "completed" });
    expect(hits.get(path)).toBe(2);
  });

  it("blocks HTTP nodes from reaching loopback addresses (SSRF) and fails the run clearly", async () => {
    const { owner } = await createTeam();
    const port = (api.address() as AddressInfo).port;
    const id = await createPublished(owner, ggraph([gnode("start", "trigger.manual"), gnode("call", "integration.http", { url: `http://127.0.0.1:${port}/ssrf` })], [gedge("start", "call")]));
    const done = await waitForStatus(owner, (await call(start.POST, { as: owner, params: { id }, body: {} })).body.id, ["completed", "failed"]);
    expect(done).toMatchObject({ status: "failed", failedNodeId: "call" });
    expect(done.error).toMatch(/127\.0\.0\.1 are blocked/);
    expect(hits.get("/ssrf")).toBeUndefined();
  });

  it("waits for a human approval, then continues on the decided branch", async () => {
    const { owner, members } = await createTeam(["viewer"]);
    const id = await createPublished(owner, ggraph(
      [gnode("start", "trigger.manual"), gnode("review", "human.approval", { message: "Ship it?" }), gnode("ship", "flow.output", { name: "result", value: "shipped" }), gnode("hold", "flow.output", { name: "result", value: "held" })],
      [gedge("start", "review"), gedge("review", "ship", "approved"), gedge("review", "hold", "rejected")],
    ));
    const started = await call(start.POST, { as: owner, params: { id }, body: {} });
    await waitForStatus(owner, started.body.id, ["waiting"]);
    expect((await eventsOf(started.body.id)).map((event) => event.type)).toContain("node.waiting");
    expect((await call(approval.POST, { as: members[0]!, params: { id: started.body.id, nodeId: "review" }, body: { approved: true } })).status).toBe(403);
    expect((await call(approval.POST, { as: owner, params: { id: started.body.id, nodeId: "nope" }, body: { approved: true } })).status).toBe(404);
    const decided = await call(approval.POST, { as: owner, params: { id: started.body.id, nodeId: "review" }, body: { approved: true, comment: "LGTM" } });
    expect(decided.status).toBe(200);
    expect((await call(approval.POST, { as: owner, params: { id: started.body.id, nodeId: "review" }, body: { approved: false } })).status).toBe(409);
    expect((await waitForStatus(owner, started.body.id, ["completed"])).output).toEqual({ result: "shipped" });
  });

  it("takes an approval decided before the run reached the approval node", async () => {
    const { owner } = await createTeam();
    const id = await createPublished(owner, ggraph(
      [gnode("start", "trigger.manual"), gnode("pause", "flow.delay", { seconds: 1 }), gnode("review", "human.approval"), gnode("ship", "flow.output", { name: "result", value: "shipped" }), gnode("hold", "flow.output", { name: "result", value: "held" })],
      [gedge("start", "pause"), gedge("pause", "review"), gedge("review", "ship", "approved"), gedge("review", "hold", "rejected")],
    ));
    const started = await call(start.POST, { as: owner, params: { id }, body: {} });
    const decided = await call(approval.POST, { as: owner, params: { id: started.body.id, nodeId: "review" }, body: { approved: true, comment: "pre-approved" } });
    expect(decided.status).toBe(200);
    // The decision came first: the run had not started waiting on the node yet.
    expect((await eventsOf(started.body.id)).filter((event) => event.nodeId === "review")).toEqual([]);
    expect((await waitForStatus(owner, started.body.id, ["completed", "failed"])).output).toEqual({ result: "shipped" });
    const review = (await eventsOf(started.body.id)).find((event) => event.type === "node.completed" && event.nodeId === "review");
    expect(review?.data).toMatchObject({ output: { approved: true, comment: "pre-approved" } });
  });

  it("cancels a running execution promptly", async () => {
    const { owner } = await createTeam();
    const id = await createPublished(owner, ggraph([gnode("start", "trigger.manual"), gnode("wait", "flow.delay", { seconds: 120 }), gnode("after", "flow.output", { value: "late" })], [gedge("start", "wait"), gedge("wait", "after")]));
    const started = await call(start.POST, { as: owner, params: { id }, body: {} });
    await waitForStatus(owner, started.body.id, ["running"]);
    await expect.poll(async () => (await eventsOf(started.body.id)).some((event) => event.type === "node.started" && event.nodeId === "wait")).toBe(true);
    expect((await call(cancel.POST, { as: owner, params: { id: started.body.id } })).status).toBe(202);
    const done = await waitForStatus(owner, started.body.id, ["cancelled"], 5000);
    expect(done.output).toBeNull();
    expect((await call(cancel.POST, { as: owner, params: { id: started.body.id } })).status).toBe(409);
  });

  it("stops at the token budget with budget_exceeded; streams tokens; never stores the credential", async () => {
    const { owner } = await createTeam();
    const credential = await call(credentials.POST, { as: owner, body: { name: "OpenAI", provider: "openai", secret: "sk-openai-test" } });
    expect(credential.status).toBe(201);
    expect(JSON.stringify(credential.body)).not.toContain("sk-openai-test");
    const stored = await getDb().credential.findUniqueOrThrow({ where: { id: credential.body.id } });
    expect(stored.secret).not.toContain("sk-openai-test");
    expect(stored.secret).toMatch(/^v1\./);

    const agent = (nodeId: string) => gnode(nodeId, "ai.agent", { provider: "openai", model: "gpt-4o-mini", credentialId: credential.body.id, prompt: "Summarise {{ input.topic }}" });
    const echo = gnode("echo", "integration.http", { url: `${apiUrl}/echo`, credentialId: credential.body.id });
    const id = await createPublished(owner, ggraph([gnode("start", "trigger.manual"), echo, agent("first"), agent("second")], [gedge("start", "echo"), gedge("echo", "first"), gedge("first", "second")]));
    const started = await call(start.POST, { as: owner, params: { id }, body: { input: { topic: "durable execution" }, budget: { maxTokens: 300 } } });
    const done = await waitForStatus(owner, started.body.id, ["budget_exceeded", "failed", "completed"]);
    expect(done.status).toBe("budget_exceeded");
    expect(done.error).toMatch(/over the budget of 300/);
    expect(done.usage.inputTokens).toBe(400);
    expect(done.usage.costUsd).toBeGreaterThan(0);
    expect(done.nodeRuns.map((run: { nodeId: string }) => run.nodeId)).not.toContain("second");
    const firstRun = done.nodeRuns.find((run: { nodeId: string }) => run.nodeId === "first");
    expect(firstRun).toMatchObject({ model: "gpt-4o-mini", inputTokens: 400 });
    // The echo server answered with the Authorization header: stored redacted everywhere.
    expect(done.nodeRuns.find((run: { nodeId: string }) => run.nodeId === "echo").output.body.authorization).toBe("Bearer [redacted]");
    const events = await eventsOf(started.body.id);
    expect(events.filter((event) => event.type === "node.token").map((event) => (event.data as { delta: string }).delta).join("")).toBe("You said: Summarise durable execution");
    const everything = JSON.stringify({ done, events, runs: await getDb().nodeRun.findMany({ where: { executionId: started.body.id } }) });
    expect(everything).not.toContain("sk-openai-test");
  });

  it("interrupts a long-running node when the wall-time budget runs out", async () => {
    const { owner } = await createTeam();
    const id = await createPublished(owner, ggraph([gnode("start", "trigger.manual"), gnode("wait", "flow.delay", { seconds: 600 })], [gedge("start", "wait")]));
    const started = Date.now();
    const run = await call(start.POST, { as: owner, params: { id }, body: { budget: { maxDurationMs: 500 } } });
    const done = await waitForStatus(owner, run.body.id, ["budget_exceeded", "failed", "completed"], 10_000);
    expect(done.status).toBe("budget_exceeded");
    expect(done.error).toMatch(/500 ms/);
    expect(Date.now() - started).toBeLessThan(8000);
  });

  it("runs a sub-workflow and uses its output; a workflow calling itself stops at the depth limit", async () => {
    const { owner } = await createTeam();
    const childId = await createPublished(owner, ggraph([gnode("start", "trigger.manual"), gnode("out", "flow.output", { name: "shout", value: "{{ input.word }}!" })], [gedge("start", "out")]));
    const parentId = await createPublished(owner, ggraph(
      [gnode("start", "trigger.manual"), gnode("child", "flow.sub-workflow", { workflowId: childId, input: "{{ input }}" }), gnode("out", "flow.output", { name: "result", value: "{{ prev.shout }}" })],
      [gedge("start", "child"), gedge("child", "out")],
    ));
    const started = await call(start.POST, { as: owner, params: { id: parentId }, body: { input: { word: "hello" } } });
    expect((await waitForStatus(owner, started.body.id, ["completed", "failed"])).output).toEqual({ result: "hello!" });
    const children = (await call(executions.GET, { as: owner, query: { workflowId: childId } })).body.items;
    expect(children).toHaveLength(1);
    expect(children[0].trigger).toBe("sub-workflow");

    const { PATCH } = await import("@/app/api/v1/workflows/[id]/route");
    const selfId = (await call(workflows.POST, { as: owner, body: { name: "Recursive" } })).body.id;
    await call(PATCH, { as: owner, params: { id: selfId }, body: { graph: ggraph([gnode("start", "trigger.manual"), gnode("again", "flow.sub-workflow", { workflowId: selfId })], [gedge("start", "again")]) } });
    await call(publish.POST, { as: owner, params: { id: selfId }, body: {} });
    const loop = await call(start.POST, { as: owner, params: { id: selfId }, body: {} });
    const failed = await waitForStatus(owner, loop.body.id, ["failed", "completed"], 30_000);
    expect(failed.status).toBe("failed");
    expect(failed.error).toMatch(/nest at most 5 deep/);
  });

  it("keeps other workspaces' executions out of reach (404)", async () => {
    const mine = await createTeam();
    const theirs = await createTeam();
    const id = await createPublished(theirs.owner, ggraph([gnode("start", "trigger.manual"), gnode("out", "flow.output", { value: "x" })], [gedge("start", "out")]));
    const started = await call(start.POST, { as: theirs.owner, params: { id }, body: {} });
    expect((await call(start.POST, { as: mine.owner, params: { id }, body: {} })).status).toBe(404);
    expect((await call(execution.GET, { as: mine.owner, params: { id: started.body.id } })).status).toBe(404);
    expect((await call(cancel.POST, { as: mine.owner, params: { id: started.body.id } })).status).toBe(404);
    expect((await call(executions.GET, { as: mine.owner })).body.items).toEqual([]);
  });

  it("retries an ended execution as a new run of the same version and input", async () => {
    const { owner } = await createTeam();
    const id = await createPublished(owner, ggraph([gnode("start", "trigger.manual"), gnode("out", "flow.output", { name: "echo", value: "{{ input.word }}" })], [gedge("start", "out")]));
    const first = await call(start.POST, { as: owner, params: { id }, body: { input: { word: "again" } } });
    await waitForStatus(owner, first.body.id, ["completed"]);
    const { POST: retry } = await import("@/app/api/v1/executions/[id]/retry/route");
    const second = await call(retry, { as: owner, params: { id: first.body.id } });
    expect(second.status).toBe(202);
    expect(second.body.id).not.toBe(first.body.id);
    expect((await waitForStatus(owner, second.body.id, ["completed"])).output).toEqual({ echo: "again" });
    const filtered = await call(executions.GET, { as: owner, query: { workflowId: id, trigger: "manual", from: "2000-01-01" } });
    expect(filtered.body.items.map((item: { id: string; workflowName: string }) => [item.id, item.workflowName]).sort()).toEqual([[first.body.id, "Flow"], [second.body.id, "Flow"]].sort());
    expect((await call(executions.GET, { as: owner, query: { workflowId: id, trigger: "webhook" } })).body.items).toEqual([]);
  });

  it("answers an unpublished workflow with 409 and a bad budget with 400", async () => {
    const { owner } = await createTeam();
    const created = await call(workflows.POST, { as: owner, body: { name: "Draft only" } });
    expect((await call(start.POST, { as: owner, params: { id: created.body.id }, body: {} })).status).toBe(409);
    const bad = await call(start.POST, { as: owner, params: { id: created.body.id }, body: { budget: { maxTokens: -5 } } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe("body.budget.maxTokens");
  });
});

describe("the node catalog", () => {
  it("lists every node type with its config as JSON Schema", async () => {
    const { owner } = await createTeam();
    const result = await call(nodes.GET, { as: owner });
    const agent = result.body.items.find((item: { type: string }) => item.type === "ai.agent");
    expect(agent).toMatchObject({ category: "ai", outputs: ["out"] });
    expect(agent.configSchema.properties.provider.enum).toEqual(["anthropic", "openai", "openai-compatible"]);
    expect(result.body.items.map((item: { type: string }) => item.type)).toEqual(expect.arrayContaining(["trigger.manual", "trigger.webhook", "trigger.schedule", "logic.condition", "logic.router", "flow.loop", "flow.merge", "data.transform", "data.code", "integration.http", "flow.delay", "human.approval", "flow.sub-workflow", "flow.output"]));
  });
});
