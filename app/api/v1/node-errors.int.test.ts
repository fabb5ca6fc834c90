import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import type { GraphNode, WorkflowGraph } from "@/lib/engine/types";
import { call, createTeam } from "@/scripts/testing/fixtures";
import { gedge, ggraph, gnode } from "@/scripts/testing/workflow-fixtures";
import * as workflows from "@/app/api/v1/workflows/route";
import * as publish from "@/app/api/v1/workflows/[id]/publish/route";
import * as start from "@/app/api/v1/workflows/[id]/executions/route";
import * as execution from "@/app/api/v1/executions/[id]/route";

// "When this node fails" (docs/engine.md): Retry on fail and On error, through the REST API and the
// local driver on a real database, against a local API that fails as told.
let api: http.Server;
let apiUrl: string;
const requests: { path: string; idempotencyKey: string | undefined }[] = [];

beforeAll(async () => {
  process.env.AGENTRY_HTTP_ALLOW = "localhost";
  api = http.createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://x").pathname;
    requests.push({ path, idempotencyKey: request.headers["idempotency-key"] as string | undefined });
    const seen = requests.filter((entry) => entry.path === path).length;
    // /down… always fails; /flaky-<n> fails its first two calls.
    if (path.startsWith("/down") || (path.startsWith("/flaky") && seen <= 2)) {
      response.writeHead(503);
      return response.end("unavailable");
    }
    response.setHeader("content-type", "application/json");
    response.end(JSON.stringify({ ok: true, calls: seen }));
  });
  await new Promise<void>((resolve) => api.listen(0, "127.0.0.1", resolve));
  apiUrl = `http://localhost:${(api.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => api.close(resolve)));

const withSettings = (node: GraphNode, settings: Record<string, unknown>): GraphNode => ({ ...node, data: { ...node.data, ...settings } });
const post = (id: string, path: string) => gnode(id, "integration.http", { method: "POST", url: `${apiUrl}${path}`, idempotencyKey: "order-{{ input.order }}" });

async function runPublished(as: { cookie: string }, graph: WorkflowGraph, input: Record<string, unknown>) {
  const created = await call(workflows.POST, { as, body: { name: "Flow", graph } });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const published = await call(publish.POST, { as, params: { id: created.body.id }, body: {} });
  expect(published.status, JSON.stringify(published.body)).toBe(201);
  const started = await call(start.POST, { as, params: { id: created.body.id }, body: { input } });
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  await expect.poll(async () => (await call(execution.GET, { as, params: { id: started.body.id } })).body.status, { timeout: 20_000, interval: 100 }).toMatch(/completed|failed|cancelled/);
  return (await call(execution.GET, { as, params: { id: started.body.id } })).body;
}

async function eventTypes(executionId: string, nodeId: string) {
  return (await getDb().executionEvent.findMany({ where: { executionId, nodeId }, orderBy: { seq: "asc" }, select: { type: true } })).map((event) => event.type);
}

describe("when a node fails", () => {
  it("Retry on fail tries the request again inside its one step, with the same Idempotency-Key", async () => {
    const { owner } = await createTeam();
    const graph = ggraph([gnode("start", "trigger.manual"), withSettings(post("call", "/flaky-1"), { retry: { maxTries: 3, waitMs: 10 } }), gnode("out", "flow.output", { name: "calls", value: "{{ nodes.call.output.body.calls }}" })], [gedge("start", "call"), gedge("call", "out")]);
    const ended = await runPublished(owner, graph, { order: 7 });
    expect(ended).toMatchObject({ status: "completed", output: { calls: 3 } });
    expect(requests.filter((entry) => entry.path === "/flaky-1").map((entry) => entry.idempotencyKey)).toEqual(["order-7", "order-7", "order-7"]);
    const step = await getDb().nodeRun.findFirstOrThrow({ where: { executionId: ended.id, nodeId: "call", kind: "node" } });
    expect(step).toMatchObject({ status: "completed", attempts: 1 });
  });

  it("On error: branch takes the error output with { error: { message } }, and the run completes", async () => {
    const { owner } = await createTeam();
    const graph = ggraph(
      [
        gnode("start", "trigger.manual"),
        withSettings(post("call", "/down"), { onError: "branch" }),
        gnode("happy", "flow.output", { name: "result", value: "{{ nodes.call.output.body }}" }),
        gnode("alert", "flow.output", { name: "alert", value: "{{ nodes.call.output.error.message }}" }),
      ],
      [gedge("start", "call"), gedge("call", "happy"), gedge("call", "alert", "error")],
    );
    const ended = await runPublished(owner, graph, { order: 8 });
    expect(ended).toMatchObject({ status: "completed", output: { alert: expect.stringMatching(/answered 503/) } });
    expect(ended.output).not.toHaveProperty("result");
    expect(await eventTypes(ended.id, "call")).toEqual(["node.started", "node.failed"]);
    expect(await eventTypes(ended.id, "happy")).toEqual(["node.skipped"]);
    // The run's detail says the node failed and that the failure was handled.
    const call = ended.nodeRuns.find((run: { key: string }) => run.key === "node:call");
    expect(call).toMatchObject({ status: "completed", errorHandled: true, error: expect.stringMatching(/answered 503/), output: { error: { message: expect.stringMatching(/answered 503/) } } });
    expect(ended.nodeRuns.find((run: { key: string }) => run.key === "node:alert")).toMatchObject({ errorHandled: false, error: null });
    // Not retried by the driver either: the failure is the step's outcome.
    expect(requests.filter((entry) => entry.path === "/down")).toHaveLength(1);
  });

  it("ten runs at once each take the error output once: one request, one node.failed, no driver retry", async () => {
    const { owner } = await createTeam();
    const graph = ggraph(
      [gnode("start", "trigger.manual"), withSettings(post("call", "/down-many"), { onError: "branch" }), gnode("alert", "flow.output", { name: "alert", value: "{{ prev.error.message }}" })],
      [gedge("start", "call"), gedge("call", "alert", "error")],
    );
    const created = await call(workflows.POST, { as: owner, body: { name: "Many", graph } });
    expect((await call(publish.POST, { as: owner, params: { id: created.body.id }, body: {} })).status).toBe(201);
    const started = await Promise.all(Array.from({ length: 10 }, (_, n) => call(start.POST, { as: owner, params: { id: created.body.id }, body: { input: { order: 100 + n } } })));
    started.forEach((response) => expect(response.status).toBe(202));
    const ids = started.map((response) => response.body.id as string);
    await expect.poll(async () => getDb().execution.count({ where: { id: { in: ids }, status: "completed" } }), { timeout: 30_000, interval: 100 }).toBe(10);
    for (const id of ids) expect(await eventTypes(id, "call")).toEqual(["node.started", "node.failed"]);
    expect(requests.filter((entry) => entry.path === "/down-many").map((entry) => entry.idempotencyKey).sort()).toEqual(Array.from({ length: 10 }, (_, n) => `order-${100 + n}`).sort());
  });

  it("On error: continue hands the error on to the next node", async () => {
    const { owner } = await createTeam();
    const graph = ggraph(
      [gnode("start", "trigger.manual"), withSettings(post("call", "/down"), { onError: "continue", retry: { maxTries: 2, waitMs: 0 } }), gnode("out", "flow.output", { name: "seen", value: "{{ prev.error.message }}" })],
      [gedge("start", "call"), gedge("call", "out")],
    );
    const ended = await runPublished(owner, graph, { order: 9 });
    expect(ended).toMatchObject({ status: "completed", output: { seen: expect.stringMatching(/answered 503/) } });
  });

  it("refuses unknown modes, too many tries and an error edge without On error: branch, with 4xx naming them", async () => {
    const { owner } = await createTeam();
    const base = (settings: Record<string, unknown>, edges = [gedge("start", "call")]) => ggraph([gnode("start", "trigger.manual"), withSettings(post("call", "/down"), settings)], edges);
    const badMode = await call(workflows.POST, { as: owner, body: { name: "Bad", graph: base({ onError: "ignore" }) } });
    expect(badMode.status).toBe(400);
    expect(JSON.stringify(badMode.body.errors)).toMatch(/onError/);
    expect((await call(workflows.POST, { as: owner, body: { name: "Bad", graph: base({ retry: { maxTries: 50 } }) } })).status).toBe(400);
    const errorEdge = await call(workflows.POST, { as: owner, body: { name: "Edge", graph: ggraph([...base({}).nodes, gnode("alert", "flow.output", { name: "a", value: "x" })], [gedge("start", "call"), gedge("call", "alert", "error")]) } });
    expect(errorEdge.status).toBe(201);
    const refused = await call(publish.POST, { as: owner, params: { id: errorEdge.body.id }, body: {} });
    expect(refused.status).toBe(422);
    expect(JSON.stringify(refused.body)).toMatch(/has no output \\"error\\"/);
  });
});
