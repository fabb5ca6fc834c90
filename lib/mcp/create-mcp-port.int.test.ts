import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InMemoryStepRunner, RecordingSink } from "@/lib/engine/in-memory-step-runner";
import { runWorkflow } from "@/lib/engine/run-workflow";
import type { GraphNode, WorkflowGraph } from "@/lib/engine/types";
import { createLlmPort } from "@/lib/llm/create-llm-port";
import { createMcpPort } from "@/lib/mcp/create-mcp-port";
import { startFakeLlmServer, type FakeTurnAnswer, type FakeTurnRequest } from "@/scripts/testing/fake-llm-server";
import { MCP_TEST_SERVER, startMcpTestServer } from "@/scripts/testing/start-mcp-test-server";

// node itself with tsx's loader, so killing the child kills the server.
const STDIO = { tools: { command: process.execPath, args: ["--import", "tsx", MCP_TEST_SERVER, "stdio"], cwd: path.dirname(MCP_TEST_SERVER) } };

let server: Awaited<ReturnType<typeof startMcpTestServer>> | undefined;
let url: string;
let fake: Awaited<ReturnType<typeof startFakeLlmServer>>;
let respond: (turn: FakeTurnRequest) => FakeTurnAnswer = () => ({ text: "unset" });

beforeAll(async () => {
  server = await startMcpTestServer();
  url = server.url;
  fake = await startFakeLlmServer({ respond: (turn) => respond(turn) });
}, 30_000);

afterAll(async () => {
  server?.process.kill("SIGKILL");
  await fake?.stop();
});

const port = (options: Partial<Parameters<typeof createMcpPort>[0]> = {}) => createMcpPort({ allow: "127.0.0.1", resolveCredential: async () => "mcp-secret", idempotencyScope: "exec-1", stdioServers: STDIO, ...options });

describe("MCP servers through @modelcontextprotocol/sdk (a real server process)", () => {
  it("lists the tools of a Streamable HTTP server with their JSON Schemas", async () => {
    const tools = await port().listTools({ transport: "streamable-http", url, credentialId: "mcp-token" });
    expect(tools.map((tool) => tool.name)).toEqual(["add", "lookup_order", "fail", "calls"]);
    expect(tools[0]).toMatchObject({ description: "Adds two numbers", inputSchema: { type: "object", properties: { a: { type: "number" }, b: { type: "number" } }, required: ["a", "b"] } });
  });

  it("calls tools, reports error results, and sends a stable idempotency key", async () => {
    const mcp = port();
    const ref = { transport: "streamable-http" as const, url, credentialId: "mcp-token" };
    expect(await mcp.callTool(ref, "add", { a: 2, b: 3 }, { key: "node:agent:tool:c1" })).toEqual({ content: "5", isError: false });
    expect(await mcp.callTool(ref, "fail", {}, { key: "node:agent:tool:c2" })).toEqual({ content: "The warehouse is closed.", isError: true });
    await mcp.callTool(ref, "add", { a: 2, b: 3 }, { key: "node:agent:tool:c1" });
    const calls = JSON.parse((await mcp.callTool(ref, "calls", {}, { key: "x" })).content) as { tool: string; idempotencyKey: string }[];
    const keys = calls.filter((call) => call.tool === "add").map((call) => call.idempotencyKey);
    expect(keys.length).toBeGreaterThanOrEqual(2);
    expect(keys[0]).toMatch(/^[\w-]{32}$/);
    expect(new Set(keys.slice(-2)).size).toBe(1); // the same step, the same key
  });

  it("says clearly when the token is refused", async () => {
    await expect(port({ resolveCredential: async () => "wrong" }).listTools({ transport: "streamable-http", url, credentialId: "mcp-token" })).rejects.toThrow(/refused the credentials \(401\)/);
  });

  it("reaches remote MCP URLs only through the outbound policy (loopback refused unless allowed)", async () => {
    await expect(port({ allow: undefined }).listTools({ transport: "streamable-http", url })).rejects.toThrow(/Requests to 127\.0\.0\.1 are blocked/);
    await expect(port({ allow: undefined }).listTools({ transport: "streamable-http", url: url.replace("127.0.0.1", "localhost") })).rejects.toThrow(/are blocked/);
    await expect(port().listTools({ transport: "streamable-http", url: "file:///etc/passwd" })).rejects.toThrow(/Only http and https/);
  });

  it("runs only the stdio servers the operator configured", async () => {
    const mcp = port();
    const tools = await mcp.listTools({ transport: "stdio", server: "tools" });
    expect(tools.map((tool) => tool.name)).toContain("lookup_order");
    expect(await mcp.callTool({ transport: "stdio", server: "tools" }, "add", { a: 40, b: 2 }, { key: "k" })).toEqual({ content: "42", isError: false });
    await expect(mcp.listTools({ transport: "stdio", server: "rm -rf /" })).rejects.toThrow(/No stdio MCP server named "rm -rf \/" is configured/);
  }, 30_000);

  it("gives an agent the server's tools: parallel calls, an error result, then the answer", async () => {
    const node = (id: string, type: string, config: Record<string, unknown> = {}): GraphNode => ({ id, type, position: { x: 0, y: 0 }, data: { label: id, config } });
    const graph: WorkflowGraph = {
      nodes: [
        node("start", "trigger.manual"),
        node("agent", "ai.agent", { provider: "openai", model: "gpt-4o-mini", credentialId: "model", prompt: "Where is order {{ input.orderId }}?", tools: [{ type: "mcp", url, credentialId: "mcp-token", tools: ["lookup_order", "add", "fail"] }] }),
      ],
      edges: [{ id: "e", source: "start", target: "agent" }],
    };
    const offered: string[][] = [];
    respond = (turn) => {
      offered.push(turn.tools);
      if (turn.turn === 0) return { toolCalls: [{ id: "o1", name: "lookup_order", arguments: { orderId: "A-7" } }, { id: "o2", name: "add", arguments: { a: 1, b: 1 } }, { id: "o3", name: "fail", arguments: {} }] };
      return { text: turn.toolResults.map((result) => `${result.callId}: ${result.content}`).join("\n") };
    };
    const sink = new RecordingSink();
    const result = await runWorkflow({
      graph,
      input: { orderId: "A-7" },
      step: new InMemoryStepRunner(),
      sink,
      services: { llm: createLlmPort({ openaiBaseUrl: fake.openaiBaseUrl }), resolveCredential: async (id) => (id === "model" ? "sk-openai-test" : "mcp-secret"), mcp: port() },
    });
    expect(result.status).toBe("completed");
    expect(offered[0]).toEqual(["add", "lookup_order", "fail"]); // the server's order, only the ones picked
    const text = (result.output as { text: string }).text;
    expect(text).toContain('o1: {"orderId":"A-7","status":"shipped","items":2}');
    expect(text).toContain("o2: 2");
    expect(text).toContain("o3: The warehouse is closed.");
    const toolResults = sink.events.filter((event) => event.type === "node.tool_result") as { callId: string; isError: boolean }[];
    expect(Object.fromEntries(toolResults.map((event) => [event.callId, event.isError]))).toEqual({ o1: false, o2: false, o3: true });
  });
});
