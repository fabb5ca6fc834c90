import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { call, createTeam } from "@/scripts/testing/fixtures";
import { gedge, ggraph, gnode } from "@/scripts/testing/workflow-fixtures";
import type { WorkflowGraph } from "@/lib/engine/types";
import * as workflows from "@/app/api/v1/workflows/route";
import * as workflow from "@/app/api/v1/workflows/[id]/route";
import * as publish from "@/app/api/v1/workflows/[id]/publish/route";
import * as start from "@/app/api/v1/workflows/[id]/executions/route";
import * as execution from "@/app/api/v1/executions/[id]/route";
import * as triggers from "@/app/api/v1/workflows/[id]/triggers/route";
import * as hook from "@/app/api/v1/hooks/[triggerId]/route";
import * as invitations from "@/app/api/v1/invitations/route";

// Issue 10, item 2. PostgreSQL stores neither NUL ("\u0000") nor lone surrogates ("\ud800") in
// jsonb, nor NUL in text: API text fields refuse them (400 naming the field); run data keeps
// them as U+FFFD (lib/storage/with-storable-args.ts) and the run goes on.
const NUL = "\u0000";
const LONE = "\ud800";
const FFFD = "\ufffd";

let api: http.Server;
let apiUrl: string;
beforeAll(async () => {
  process.env.AGENTRY_HTTP_ALLOW = "localhost";
  // Answers with a NUL and a lone surrogate, both escaped in JSON (the only way JSON carries them).
  api = http.createServer((request, response) => {
    response.setHeader("content-type", "application/json");
    response.end(JSON.stringify({ nul: `a${NUL}b`, lone: `x${LONE}y`, [`key${NUL}`]: 1 }));
  });
  await new Promise<void>((resolve) => api.listen(0, "127.0.0.1", resolve));
  apiUrl = `http://localhost:${(api.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => api.close(resolve)));

async function publishedWorkflow(as: { cookie: string }, graph: WorkflowGraph) {
  const created = await call(workflows.POST, { as, body: { name: "Data", graph } });
  expect(created.status).toBe(201);
  expect((await call(publish.POST, { as, params: { id: created.body.id }, body: {} })).status).toBe(201);
  return created.body.id as string;
}

async function waitForEnd(as: { cookie: string }, id: string) {
  await expect.poll(async () => (await call(execution.GET, { as, params: { id } })).body.status, { timeout: 15_000 }).toMatch(/completed|failed/);
  return (await call(execution.GET, { as, params: { id } })).body;
}

describe("text PostgreSQL cannot store", () => {
  it("is refused in API text fields with 400 naming the field, and nothing is written", async () => {
    const { owner, workspace } = await createTeam();
    const id = await publishedWorkflow(owner, ggraph([gnode("start", "trigger.manual"), gnode("out", "flow.output", { name: "v", value: "1" })], [gedge("start", "out")]));
    const cases: { handler: typeof workflows.POST; params: Record<string, string>; body: unknown; path: string }[] = [
      { handler: workflows.POST, params: {}, body: { name: `a${NUL}` }, path: "body.name" },
      { handler: workflows.POST, params: {}, body: { name: "ok", description: `d${NUL}` }, path: "body.description" },
      { handler: workflows.POST, params: {}, body: { name: LONE }, path: "body.name" },
      { handler: workflows.POST, params: {}, body: { name: "ok", graph: { nodes: [gnode(`n${NUL}`, "trigger.manual")], edges: [] } }, path: "body.graph.nodes.0.id" },
      { handler: workflow.PATCH, params: { id }, body: { name: `a${NUL}` }, path: "body.name" },
      { handler: workflow.PATCH, params: { id }, body: { description: LONE }, path: "body.description" },
      { handler: start.POST, params: { id }, body: { idempotencyKey: `k${NUL}` }, path: "body.idempotencyKey" },
      { handler: start.POST, params: { id }, body: { idempotencyKey: `k${LONE}` }, path: "body.idempotencyKey" },
      { handler: invitations.POST, params: {}, body: { email: `a${NUL}@example.test`, role: "editor" }, path: "body.email" },
    ];
    const before = await getDb().workflow.findUniqueOrThrow({ where: { id } });
    for (const { handler, params, body, path } of cases) {
      const result = await call(handler, { as: owner, params, body });
      expect(result.status, JSON.stringify(body)).toBe(400);
      expect(result.headers.get("content-type")).toBe("application/problem+json");
      expect(result.body.errors.map((error: { path: string }) => error.path)).toContain(path);
    }
    expect(await getDb().workflow.count({ where: { workspaceId: workspace.id } })).toBe(1);
    expect(await getDb().workflow.findUniqueOrThrow({ where: { id } })).toEqual(before);
    expect(await getDb().execution.count({ where: { workspaceId: workspace.id } })).toBe(0);
    expect(await getDb().invitation.count({ where: { workspaceId: workspace.id } })).toBe(0);
  });

  it("in run input, node outputs, HTTP responses, errors and events is stored as U+FFFD without failing the run", async () => {
    const { owner } = await createTeam();
    const graph = ggraph(
      [
        gnode("start", "trigger.manual"),
        gnode("fetch", "integration.http", { url: `${apiUrl}/data` }),
        gnode("code", "data.code", { source: "return { made: 'm' + String.fromCharCode(0) + String.fromCharCode(0xdc00) };" }),
        gnode("out", "flow.output", { name: "all", value: "{{ nodes.fetch.output.body }}" }),
      ],
      [gedge("start", "fetch"), gedge("fetch", "code"), gedge("code", "out")],
    );
    const id = await publishedWorkflow(owner, graph);
    const started = await call(start.POST, { as: owner, params: { id }, body: { input: { note: `a${NUL}b`, [`k${LONE}`]: [LONE, "😀"] } } });
    expect(started.status).toBe(202);
    const done = await waitForEnd(owner, started.body.id);
    expect(done.status, done.error).toBe("completed");
    expect(done.input).toEqual({ note: `a${FFFD}b`, [`k${FFFD}`]: [FFFD, "😀"] });
    expect(done.output).toEqual({ all: { nul: `a${FFFD}b`, lone: `x${FFFD}y`, [`key${FFFD}`]: 1 } });
    const codeRun = done.nodeRuns.find((run: { nodeId: string }) => run.nodeId === "code");
    expect(codeRun.output).toEqual({ made: `m${FFFD}${FFFD}` });
    const events = await getDb().executionEvent.findMany({ where: { executionId: started.body.id }, orderBy: { seq: "asc" } });
    expect(events.at(-1)).toMatchObject({ type: "execution.completed", data: { output: done.output } });
  });

  it("in a failing node's error message is stored and the run fails normally", async () => {
    const { owner } = await createTeam();
    const id = await publishedWorkflow(owner, ggraph([gnode("start", "trigger.manual"), gnode("code", "data.code", { source: "throw new Error('bad' + String.fromCharCode(0) + 'thing');" })], [gedge("start", "code")]));
    const started = await call(start.POST, { as: owner, params: { id }, body: {} });
    const done = await waitForEnd(owner, started.body.id);
    expect(done.status).toBe("failed");
    expect(done.error).toContain(`bad${FFFD}thing`);
    expect(done.nodeRuns.find((run: { nodeId: string }) => run.nodeId === "code").error).toContain(`bad${FFFD}thing`);
  });

  it("in a webhook payload (JSON or raw text) is stored and the run completes", async () => {
    const { owner } = await createTeam();
    const id = await publishedWorkflow(owner, ggraph([gnode("hook", "trigger.webhook"), gnode("out", "flow.output", { name: "body", value: "{{ input.body }}" })], [gedge("hook", "out")]));
    const webhook = (await call(triggers.GET, { as: owner, params: { id } })).body.items[0];
    const fire = (body: string, contentType: string) =>
      hook.POST(new Request(`http://agentry.test/api/v1/hooks/${webhook.id}?wait=true&q=${encodeURIComponent(NUL)}`, { method: "POST", headers: { "content-type": contentType, "x-agentry-secret": webhook.secret }, body }), {
        params: Promise.resolve({ triggerId: webhook.id }),
      });
    const asJson = await fire(JSON.stringify({ text: `a${NUL}${LONE}`, [NUL]: NUL }), "application/json");
    expect(asJson.status).toBe(200);
    expect(await asJson.json()).toMatchObject({ status: "completed", output: { body: { text: `a${FFFD}${FFFD}`, [FFFD]: FFFD } } });
    const asText = await fire(`raw${NUL}text`, "text/plain");
    const outcome = await asText.json();
    expect(outcome).toMatchObject({ status: "completed", output: { body: `raw${FFFD}text` } });
    const stored = await getDb().execution.findUniqueOrThrow({ where: { id: outcome.id } });
    expect(stored.input).toMatchObject({ body: `raw${FFFD}text`, query: { q: FFFD } });
  });
});
