import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { InMemoryStepRunner, RecordingSink } from "@/lib/engine/in-memory-step-runner";
import { runWorkflow } from "@/lib/engine/run-workflow";
import type { WorkflowGraph } from "@/lib/engine/types";
import { buildNodeServices } from "@/lib/jobs/build-node-services";
import { createRedactor } from "@/lib/jobs/redactor";
import { call, createTeam } from "@/scripts/testing/fixtures";
import { startFakeLlmServer, type FakeTurnAnswer, type FakeTurnRequest } from "@/scripts/testing/fake-llm-server";
import * as activity from "@/app/api/v1/activity/route";
import * as connections from "@/app/api/v1/mcp-connections/route";
import * as connection from "@/app/api/v1/mcp-connections/[id]/route";
import * as test from "@/app/api/v1/mcp-connections/[id]/test/route";
import * as workflows from "@/app/api/v1/workflows/route";
import * as workflowRoute from "@/app/api/v1/workflows/[id]/route";
import * as publish from "@/app/api/v1/workflows/[id]/publish/route";
import { startMcpTestServer } from "@/scripts/testing/start-mcp-test-server";

// Workspace MCP connections against a real MCP server process (scripts/testing/mcp-test-server.ts:
// Streamable HTTP on 127.0.0.1, requiring `Authorization: Bearer mcp-secret`), allowed by the
// outbound policy only because AGENTRY_HTTP_ALLOW lists 127.0.0.1.
const TOKEN = "mcp-secret";

let server: Awaited<ReturnType<typeof startMcpTestServer>> | undefined;
let url: string;
let fake: Awaited<ReturnType<typeof startFakeLlmServer>>;
let respond: (turn: FakeTurnRequest) => FakeTurnAnswer = () => ({ text: "unset" });

beforeAll(async () => {
  process.env.AGENTRY_HTTP_ALLOW = "127.0.0.1";
  server = await startMcpTestServer();
  url = server.url;
  fake = await startFakeLlmServer({ respond: (turn) => respond(turn) });
  process.env.OPENAI_BASE_URL = fake.openaiBaseUrl;
}, 30_000);

afterAll(async () => {
  server?.process.kill("SIGKILL");
  await fake?.stop();
});

async function adminWithConnection(body: Record<string, unknown> = {}) {
  const team = await createTeam(["admin", "editor"]);
  const as = { cookie: team.members[0]!.cookie };
  const created = await call(connections.POST, { as, body: { name: "Orders", url, token: TOKEN, ...body } });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return { team, as, id: created.body.id as string, created: created.body };
}

describe("MCP connections", () => {
  it("stores the token encrypted and write-only, tests the server and lists its tools with their JSON Schemas", async () => {
    const { team, as, id, created } = await adminWithConnection({ headers: { "X-Team": "blue" } });
    expect(created).toMatchObject({ name: "Orders", transport: "streamable-http", url, server: null, headerNames: ["X-Team", "Authorization"], tools: null, testedAt: null });
    expect(JSON.stringify(created)).not.toContain(TOKEN);
    const row = await getDb().mcpConnection.findUniqueOrThrow({ where: { id } });
    expect(row.headers).toMatch(/^v1\./);
    expect(row.headers).not.toContain(TOKEN);

    const result = await call(test.POST, { as, params: { id } });
    expect(result.status, JSON.stringify(result.body)).toBe(200);
    expect(result.body).toMatchObject({ ok: true, message: 'Connected to "Orders": 4 tools.' });
    expect(result.body.tools.map((tool: { name: string }) => tool.name)).toEqual(["add", "lookup_order", "fail", "calls"]);
    expect(result.body.tools[0]).toMatchObject({ description: "Adds two numbers", inputSchema: { type: "object", properties: { a: { type: "number" }, b: { type: "number" } }, required: ["a", "b"] } });

    // Editors see the tested tools (to pick single ones), never the token.
    const editor = { cookie: team.members[1]!.cookie };
    const listed = await call(connections.GET, { as: editor });
    expect(listed.body.items).toHaveLength(1);
    expect(listed.body.items[0].tools).toHaveLength(4);
    expect(listed.body.items[0].testedAt).toBeTruthy();
    expect(JSON.stringify(listed.body)).not.toContain(TOKEN);
    expect((await call(test.POST, { as: editor, params: { id } })).status).toBe(403);

    const log = await call(activity.GET, { as });
    expect(log.body.items.map((entry: { action: string }) => entry.action)).toContain("mcp_connection.created");
    expect(JSON.stringify(log.body)).not.toContain(TOKEN);
  });

  it("reports a refused token, a wrong URL and a blocked address in words (200, ok: false)", async () => {
    const { as, id } = await adminWithConnection({ token: "wrong" });
    expect((await call(test.POST, { as, params: { id } })).body).toMatchObject({ ok: false, message: expect.stringMatching(/refused the credentials \(401\)/) });
    // Rotating the token (write-only) fixes it.
    expect((await call(connection.PATCH, { method: "PATCH", as, params: { id }, body: { token: TOKEN } })).status).toBe(200);
    expect((await call(test.POST, { as, params: { id } })).body.ok).toBe(true);
    // Moving the connection forgets the tested tools.
    const moved = await call(connection.PATCH, { method: "PATCH", as, params: { id }, body: { url: "http://10.0.0.1/mcp" } });
    expect(moved.body).toMatchObject({ url: "http://10.0.0.1/mcp", tools: null, testedAt: null, headerNames: ["Authorization"] });
    expect((await call(test.POST, { as, params: { id } })).body).toMatchObject({ ok: false, message: expect.stringMatching(/blocked/) });
  });

  it("validates transports: a URL for remote servers, an operator-configured name for stdio", async () => {
    const team = await createTeam(["admin"]);
    const as = { cookie: team.members[0]!.cookie };
    const noUrl = await call(connections.POST, { as, body: { name: "x", transport: "sse" } });
    expect(noUrl.status).toBe(400);
    expect(noUrl.body.errors).toContainEqual(expect.objectContaining({ path: "body.url" }));
    const stdio = await call(connections.POST, { as, body: { name: "files", transport: "stdio", server: "rm-rf" } });
    expect(stdio.status).toBe(400);
    expect(stdio.body.errors[0]).toMatchObject({ path: "body.server", message: expect.stringMatching(/AGENTRY_MCP_STDIO_SERVERS/) });
    const command = await call(connections.POST, { as, body: { name: "cmd", transport: "stdio", server: "x", url } });
    expect(command.status).toBe(400);
    expect((await call(connections.POST, { as, body: { name: "Orders", url } })).status).toBe(201);
    expect((await call(connections.POST, { as, body: { name: "Orders", url } })).status).toBe(409);
  });

  it("is invisible to other workspaces (404 for read, change, test and delete)", async () => {
    const { id } = await adminWithConnection();
    const other = await createTeam();
    const as = { cookie: other.owner.cookie };
    expect((await call(connection.GET, { as, params: { id } })).status).toBe(404);
    expect((await call(connection.PATCH, { method: "PATCH", as, params: { id }, body: { name: "Mine" } })).status).toBe(404);
    expect((await call(test.POST, { as, params: { id } })).status).toBe(404);
    expect((await call(connection.DELETE, { method: "DELETE", as, params: { id } })).status).toBe(404);
    expect((await call(connections.GET, { as })).body.items).toEqual([]);
    expect(await getDb().mcpConnection.count({ where: { id } })).toBe(1);
  });

  it("deletes", async () => {
    const { as, id } = await adminWithConnection();
    expect((await call(connection.DELETE, { method: "DELETE", as, params: { id } })).status).toBe(204);
    expect((await call(connection.GET, { as, params: { id } })).status).toBe(404);
  });

  it("lists the workflows whose agents use it; deleting one in use is refused (409, naming them) unless forced", async () => {
    const { team, as, id } = await adminWithConnection();
    const agentWith = (tools: unknown[]) => ({ nodes: [{ id: "start", type: "trigger.manual", position: { x: 0, y: 0 }, data: {} }, { id: "desk", type: "ai.agent", position: { x: 0, y: 0 }, data: { config: { provider: "openai", model: "gpt-4o-mini", prompt: "Where is order A-7?", tools } } }], edges: [{ id: "e", source: "start", target: "desk" }] });
    const flow = await call(workflows.POST, { as, body: { name: "Order desk", graph: agentWith([{ type: "mcp", connectionId: id, tools: ["lookup_order"] }]) } });
    expect(flow.status, JSON.stringify(flow.body)).toBe(201);
    expect((await call(publish.POST, { as, params: { id: flow.body.id }, body: {} })).status).toBe(201);
    // The draft drops the tool; the published version, which runs, still uses the connection.
    expect((await call(workflowRoute.PATCH, { method: "PATCH", as, params: { id: flow.body.id }, body: { graph: agentWith([]) } })).status).toBe(200);
    // Another workspace naming this id in its own agent is not a use, and is never shown here.
    const other = await createTeam();
    expect((await call(workflows.POST, { as: { cookie: other.owner.cookie }, body: { name: "Intruder", graph: agentWith([{ type: "mcp", connectionId: id }]) } })).status).toBe(201);

    const listed = (await call(connections.GET, { as })).body.items.find((item: { id: string }) => item.id === id);
    expect(listed.usedBy).toEqual([{ workflowId: flow.body.id, workflowName: "Order desk" }]);
    const editor = { cookie: team.members[1]!.cookie };
    expect((await call(connections.GET, { as: editor })).body.items[0].usedBy).toEqual([{ workflowId: flow.body.id, workflowName: "Order desk" }]);

    const refused = await call(connection.DELETE, { method: "DELETE", as, params: { id } });
    expect(refused.status).toBe(409);
    expect(refused.headers.get("content-type")).toMatch(/application\/problem\+json/);
    expect(refused.body.detail).toMatch(/"Orders" is used by the workflow "Order desk"/);
    expect(await getDb().mcpConnection.count({ where: { id } })).toBe(1);
    expect((await call(connection.DELETE, { method: "DELETE", as, params: { id }, query: { force: "nope" } })).status).toBe(400);
    expect((await call(connection.DELETE, { method: "DELETE", as, params: { id }, query: { force: "true" } })).status).toBe(204);
    const log = await call(activity.GET, { as, query: { action: "mcp_connection.deleted" } });
    expect(log.body.items[0].data).toEqual({ name: "Orders", usedBy: [flow.body.id] });
  });
});

describe("agents that pick an MCP connection by id", () => {
  const agentGraph = (tools: unknown[]): WorkflowGraph => ({
    nodes: [
      { id: "start", type: "trigger.manual", position: { x: 0, y: 0 }, data: {} },
      { id: "agent", type: "ai.agent", position: { x: 0, y: 0 }, data: { config: { provider: "openai", model: "gpt-4o-mini", credentialId: "model", prompt: "Where is order A-7?", tools } } },
    ],
    edges: [{ id: "e", source: "start", target: "agent" }],
  });
  const run = (workspaceId: string, graph: WorkflowGraph) => {
    const redactor = createRedactor();
    const services = { ...buildNodeServices({ execution: { id: `exec-${workspaceId}`, workspaceId, depth: 0 }, redactor }), resolveModelCredential: async () => ({ apiKey: "sk-openai-test" }) };
    const sink = new RecordingSink();
    return { sink, redactor, result: runWorkflow({ graph, input: {}, step: new InMemoryStepRunner(), sink, services }) };
  };

  it("resolves the connection at run time (headers decrypted, only the picked tool offered) and keeps the token out of events", async () => {
    const { team, id } = await adminWithConnection();
    const offered: string[][] = [];
    respond = (turn) => {
      offered.push(turn.tools);
      if (turn.turn === 0) return { toolCalls: [{ id: "c1", name: "lookup_order", arguments: { orderId: "A-7" } }] };
      return { text: `Order: ${turn.toolResults[0]?.content}` };
    };
    const { sink, result } = run(team.workspace.id, agentGraph([{ type: "mcp", connectionId: id, tools: ["lookup_order"] }]));
    const outcome = await result;
    expect(outcome.status, outcome.error).toBe("completed");
    expect(offered[0]).toEqual(["lookup_order"]);
    expect(JSON.stringify(outcome.output)).toContain("shipped");
    expect(JSON.stringify(sink.events)).not.toContain(TOKEN);
  });

  it("fails clearly with another workspace's connection (or a deleted one)", async () => {
    const { id } = await adminWithConnection();
    const other = await createTeam();
    respond = () => ({ text: "never asked" });
    const outcome = await run(other.workspace.id, agentGraph([{ type: "mcp", connectionId: id }])).result;
    expect(outcome.status).toBe("failed");
    expect(outcome.error).toMatch(/MCP connection no longer exists in this workspace/);
  });
});
