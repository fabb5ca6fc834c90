import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import type { WorkflowGraph } from "@/lib/engine/types";
import { call, createTeam } from "@/scripts/testing/fixtures";
import { gedge, ggraph, gnode } from "@/scripts/testing/workflow-fixtures";
import * as workflows from "@/app/api/v1/workflows/route";
import * as workflow from "@/app/api/v1/workflows/[id]/route";
import * as publish from "@/app/api/v1/workflows/[id]/publish/route";
import * as start from "@/app/api/v1/workflows/[id]/executions/route";
import * as execution from "@/app/api/v1/executions/[id]/route";
import * as replay from "@/app/api/v1/executions/[id]/replay/route";
import * as testNode from "@/app/api/v1/workflows/[id]/nodes/[nodeId]/test/route";

// A local API the HTTP node calls (allow-listed as "localhost"): every request is counted, so a
// test can tell whether a node ran again or its recorded output was reused.
let api: http.Server;
let apiUrl: string;
const hits = new Map<string, number>();

beforeAll(async () => {
  process.env.AGENTRY_HTTP_ALLOW = "localhost";
  api = http.createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://x").pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    response.setHeader("content-type", "application/json");
    response.end(JSON.stringify({ count: hits.get(path), path }));
  });
  await new Promise<void>((resolve) => api.listen(0, "127.0.0.1", resolve));
  apiUrl = `http://localhost:${(api.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => api.close(resolve));
});

/** start → fetch (HTTP, counted at `path`) → shape (transform) → out. */
function flow(path: string, template: string): WorkflowGraph {
  return ggraph(
    [
      gnode("start", "trigger.manual"),
      gnode("fetch", "integration.http", { method: "GET", url: `${apiUrl}${path}` }),
      gnode("shape", "data.transform", { mode: "template", template }),
      gnode("out", "flow.output", { name: "result", value: "{{ prev }}" }),
    ],
    [gedge("start", "fetch"), gedge("fetch", "shape"), gedge("shape", "out")],
  );
}

async function createAndRun(as: { cookie: string }, graph: WorkflowGraph, input: Record<string, unknown> = {}) {
  const created = await call(workflows.POST, { as, body: { name: "Test and replay", graph } });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  expect((await call(publish.POST, { as, params: { id: created.body.id }, body: {} })).status).toBe(201);
  const started = await call(start.POST, { as, params: { id: created.body.id }, body: { input } });
  expect(started.status).toBe(202);
  const ended = await waitForEnd(as, started.body.id);
  expect(ended.status, JSON.stringify(ended)).toBe("completed");
  return { workflowId: created.body.id as string, executionId: started.body.id as string, draftRevision: created.body.draftRevision as number };
}

async function waitForEnd(as: { cookie: string }, id: string, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await call(execution.GET, { as, params: { id } });
    if (["completed", "failed", "cancelled", "budget_exceeded"].includes(result.body.status)) return result.body;
    if (Date.now() > deadline) throw new Error(`execution ${id} is still ${result.body.status}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function editDraft(as: { cookie: string }, workflowId: string, graph: WorkflowGraph) {
  const saved = await call(workflow.PATCH, { method: "PATCH", as, params: { id: workflowId }, body: { graph } });
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
}

describe("test one node", () => {
  it("runs the draft's node with the upstream outputs of the last run, without running them again", async () => {
    const { owner } = await createTeam();
    const { workflowId, executionId } = await createAndRun(owner, flow("/last-run", "count={{ nodes.fetch.output.body.count }}"), { who: "ada" });
    expect(hits.get("/last-run")).toBe(1);
    // The draft changes after the run: the test uses the draft's config.
    await editDraft(owner, workflowId, flow("/last-run", "{{ input.who }} saw {{ nodes.fetch.output.body.count }} via {{ prev.body.path }}"));

    const tested = await call(testNode.POST, { as: owner, params: { id: workflowId, nodeId: "shape" }, body: {} });
    expect(tested.status, JSON.stringify(tested.body)).toBe(200);
    expect(tested.body).toMatchObject({ nodeId: "shape", status: "completed", output: "ada saw 1 via /last-run", error: null, pinned: { executionId, missing: [] } });
    expect(tested.body.pinned.nodeIds.sort()).toEqual(["fetch", "start"]);
    expect(tested.body.input.inputs).toEqual({ fetch: expect.objectContaining({ status: 200, body: { count: 1, path: "/last-run" } }) });
    expect(hits.get("/last-run")).toBe(1); // the HTTP node upstream was not called

    // Testing the HTTP node itself calls the API through the outbound policy.
    const fetched = await call(testNode.POST, { as: owner, params: { id: workflowId, nodeId: "fetch" }, body: {} });
    expect(fetched.body).toMatchObject({ status: "completed", output: { status: 200, body: { count: 2, path: "/last-run" } } });
    expect(hits.get("/last-run")).toBe(2);
    // Nothing is recorded: still one execution of the workflow.
    expect(await getDb().execution.count({ where: { workflowId } })).toBe(1);
  });

  it("takes pinned inputs over recorded ones, and a given input", async () => {
    const { owner } = await createTeam();
    const { workflowId } = await createAndRun(owner, flow("/pinned", "{{ input.who }}:{{ nodes.fetch.output.body.count }}"), { who: "ada" });
    const tested = await call(testNode.POST, { as: owner, params: { id: workflowId, nodeId: "shape" }, body: { inputs: { fetch: { body: { count: 42 } } }, input: { who: "grace" } } });
    expect(tested.body).toMatchObject({ status: "completed", output: "grace:42" });
    expect(hits.get("/pinned")).toBe(1);
  });

  it("works before any run with pinned inputs, names what is missing, and reports a node's error", async () => {
    const { owner } = await createTeam();
    const created = await call(workflows.POST, { as: owner, body: { name: "Never ran", graph: flow("/never", "{{ nodes.fetch.output.body.count }}") } });
    const id = created.body.id as string;
    const pinned = await call(testNode.POST, { as: owner, params: { id, nodeId: "shape" }, body: { inputs: { fetch: { body: { count: 7 } } } } });
    expect(pinned.body).toMatchObject({ status: "completed", output: 7, pinned: { executionId: null, nodeIds: ["fetch"], missing: ["start"] } });
    // A node that fails answers 200 with its error: here the outbound policy refuses cloud metadata.
    const blocked = flow("/never", "x");
    blocked.nodes[1]!.data.config = { method: "GET", url: "http://169.254.169.254/latest/meta-data" };
    await editDraft(owner, id, blocked);
    const failed = await call(testNode.POST, { as: owner, params: { id, nodeId: "fetch" }, body: {} });
    expect(failed.status, JSON.stringify(failed.body)).toBe(200);
    expect(failed.body).toMatchObject({ status: "failed", output: null });
    expect(failed.body.error).toMatch(/169\.254\.169\.254|not allowed|blocked|refused/i);
    expect(hits.get("/never")).toBeUndefined();
  });

  it("tests a node inside a loop body as one iteration: {{ item }}, {{ index }} and its body neighbours from that iteration", async () => {
    const { owner } = await createTeam();
    const graph = ggraph(
      [
        gnode("start", "trigger.manual"),
        gnode("each", "flow.loop", { items: "{{ input.users }}" }),
        gnode("label", "data.transform", { mode: "fields", fields: { name: "{{ item.name }}", position: "{{ index }}" } }),
        gnode("shout", "data.transform", { mode: "fields", fields: { loud: "{{ prev.name }}!{{ item.name }}", at: "{{ index }}" } }),
        gnode("out", "flow.output", { name: "all", value: "{{ nodes.each.output }}" }),
      ],
      [gedge("start", "each"), gedge("each", "label", "body"), gedge("label", "shout"), gedge("shout", "each"), gedge("each", "out", "done")],
    );
    const { workflowId } = await createAndRun(owner, graph, { users: [{ name: "ada" }, { name: "bob" }, { name: "cy" }] });
    // The node's last recorded iteration (the third), and its neighbour's output from that iteration.
    const shout = await call(testNode.POST, { as: owner, params: { id: workflowId, nodeId: "shout" }, body: {} });
    expect(shout.status, JSON.stringify(shout.body)).toBe(200);
    expect(shout.body).toMatchObject({ status: "completed", output: { loud: "cy!cy", at: 2 } });
    const label = await call(testNode.POST, { as: owner, params: { id: workflowId, nodeId: "label" }, body: {} });
    expect(label.body).toMatchObject({ status: "completed", output: { name: "cy", position: 2 }, input: { inputs: { each: { name: "cy" } } } });
    // A pinned list is tested on its first item.
    const pinned = await call(testNode.POST, { as: owner, params: { id: workflowId, nodeId: "label" }, body: { inputs: { each: [{ name: "zed" }, { name: "yan" }] } } });
    expect(pinned.body).toMatchObject({ status: "completed", output: { name: "zed", position: 0 } });
  });

  it("answers bad input with 4xx problems, and other workspaces' ids with 404", async () => {
    const { owner } = await createTeam();
    const other = await createTeam();
    const { workflowId, executionId } = await createAndRun(owner, flow("/bad-input", "x"));
    const notUpstream = await call(testNode.POST, { as: owner, params: { id: workflowId, nodeId: "fetch" }, body: { inputs: { out: 1 } } });
    expect(notUpstream.status).toBe(400);
    expect(notUpstream.body.errors).toEqual([expect.objectContaining({ path: "body.inputs.out" })]);
    expect((await call(testNode.POST, { as: owner, params: { id: workflowId, nodeId: "nope" }, body: {} })).status).toBe(404);
    expect((await call(testNode.POST, { as: owner, params: { id: workflowId, nodeId: "shape" }, body: { inputs: [1] } })).status).toBe(400);
    expect((await call(testNode.POST, { as: owner, params: { id: workflowId, nodeId: "shape" }, body: { executionId: "missing" } })).status).toBe(404);
    // Cross-tenant: their workflow, and my execution named from their workflow.
    const theirs = await createAndRun(other.owner, flow("/theirs", "y"));
    expect((await call(testNode.POST, { as: owner, params: { id: theirs.workflowId, nodeId: "shape" }, body: {} })).status).toBe(404);
    expect((await call(testNode.POST, { as: other.owner, params: { id: theirs.workflowId, nodeId: "shape" }, body: { executionId } })).status).toBe(404);
    // An approval waits for a person: 422.
    await editDraft(owner, workflowId, ggraph([gnode("start", "trigger.manual"), gnode("review", "human.approval")], [gedge("start", "review")]));
    expect((await call(testNode.POST, { as: owner, params: { id: workflowId, nodeId: "review" }, body: {} })).status).toBe(422);
  });
});

describe("replay from a node", () => {
  it("reuses earlier nodes' recorded outputs and runs the chosen node and those after it on the changed draft", async () => {
    const { owner } = await createTeam();
    const { workflowId, executionId } = await createAndRun(owner, flow("/replay", "first:{{ nodes.fetch.output.body.count }}"));
    expect(hits.get("/replay")).toBe(1);
    await editDraft(owner, workflowId, flow("/replay", "second:{{ nodes.fetch.output.body.count }}"));

    const replayed = await call(replay.POST, { as: owner, params: { id: executionId }, body: { fromNodeId: "shape" } });
    expect(replayed.status, JSON.stringify(replayed.body)).toBe(202);
    expect(replayed.body).toMatchObject({ replayOf: executionId, fromNodeId: "shape", version: 2 });
    expect(replayed.body.reusedNodeIds.sort()).toEqual(["fetch", "start"]);
    const ended = await waitForEnd(owner, replayed.body.id);
    expect(ended).toMatchObject({ status: "completed", output: { result: "second:1" }, replayOfId: executionId, replayFromNodeId: "shape", version: 2 });
    expect(hits.get("/replay")).toBe(1); // the HTTP node before the chosen node was not called again
    const byNode = Object.fromEntries(ended.nodeRuns.map((run: { nodeId: string; reused: boolean; status: string }) => [run.nodeId, run]));
    expect(byNode.fetch).toMatchObject({ reused: true, status: "completed", output: expect.objectContaining({ body: { count: 1, path: "/replay" } }) });
    expect(byNode.shape).toMatchObject({ reused: false, status: "completed", output: "second:1" });
    expect(byNode.out).toMatchObject({ reused: false, status: "completed" });

    // Replaying from the HTTP node calls it again; the draft is unchanged, so no new version.
    const again = await call(replay.POST, { as: owner, params: { id: executionId }, body: { fromNodeId: "fetch" } });
    expect(again.body.version).toBe(2);
    expect(await waitForEnd(owner, again.body.id)).toMatchObject({ status: "completed", output: { result: "second:2" } });
    expect(hits.get("/replay")).toBe(2);
  });

  it("answers bad input with 4xx problems, and other workspaces' executions with 404", async () => {
    const { owner } = await createTeam();
    const other = await createTeam();
    const { executionId, workflowId } = await createAndRun(owner, flow("/replay-bad", "x"));
    const unknownNode = await call(replay.POST, { as: owner, params: { id: executionId }, body: { fromNodeId: "nope" } });
    expect(unknownNode.status).toBe(422);
    expect(unknownNode.body.errors).toEqual([expect.objectContaining({ path: "body.fromNodeId" })]);
    expect((await call(replay.POST, { as: owner, params: { id: executionId }, body: {} })).status).toBe(400);
    expect((await call(replay.POST, { as: owner, params: { id: "missing" }, body: { fromNodeId: "shape" } })).status).toBe(404);
    expect((await call(replay.POST, { as: other.owner, params: { id: executionId }, body: { fromNodeId: "shape" } })).status).toBe(404);
    // An execution that has not ended cannot be replayed yet.
    const source = await getDb().execution.findUniqueOrThrow({ where: { id: executionId } });
    const running = await getDb().execution.create({ data: { workspaceId: source.workspaceId, workflowId, versionId: source.versionId, version: 1, status: "running", input: {}, leaseOwner: "elsewhere", leaseExpiresAt: new Date(Date.now() + 3600_000) } });
    expect((await call(replay.POST, { as: owner, params: { id: running.id }, body: { fromNodeId: "shape" } })).status).toBe(409);
    // A draft that cannot run is refused with its problems (422), nothing started.
    await editDraft(owner, workflowId, ggraph([gnode("start", "trigger.manual"), gnode("shape", "data.transform", { mode: "template", template: "x" })], []));
    const before = await getDb().execution.count({ where: { workflowId } });
    expect((await call(replay.POST, { as: owner, params: { id: executionId }, body: { fromNodeId: "shape" } })).status).toBe(422);
    expect(await getDb().execution.count({ where: { workflowId } })).toBe(before);
  });
});
