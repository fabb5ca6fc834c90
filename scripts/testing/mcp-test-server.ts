// A real MCP server for tests (@modelcontextprotocol/sdk's McpServer), run as its own process:
//   node --import tsx scripts/testing/mcp-test-server.ts http   → Streamable HTTP on a loopback
//     port (printed as `MCP_URL=<url>`), stateless, requiring `Authorization: Bearer mcp-secret`
//   node --import tsx scripts/testing/mcp-test-server.ts stdio  → the same tools over stdio
// Tools: `add` (two numbers), `lookup_order` (an order by id; records each call's idempotency key
// from `_meta`, readable with the `calls` tool), `fail` (always an error result).
import http from "node:http";
import type { AddressInfo } from "node:net";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { z } from "zod";

const TOKEN = "mcp-secret";
const calls: { tool: string; idempotencyKey: unknown; args: unknown }[] = [];

function buildServer(): McpServer {
  const server = new McpServer({ name: "agentry-test", version: "1.0.0" });
  server.registerTool("add", { description: "Adds two numbers", inputSchema: { a: z.number(), b: z.number() } }, async ({ a, b }, extra) => {
    calls.push({ tool: "add", idempotencyKey: extra._meta?.idempotencyKey, args: { a, b } });
    return { content: [{ type: "text", text: String(a + b) }] };
  });
  server.registerTool("lookup_order", { description: "Finds an order by id", inputSchema: { orderId: z.string() } }, async ({ orderId }, extra) => {
    calls.push({ tool: "lookup_order", idempotencyKey: extra._meta?.idempotencyKey, args: { orderId } });
    return { content: [{ type: "text", text: JSON.stringify({ orderId, status: "shipped", items: 2 }) }] };
  });
  server.registerTool("fail", { description: "Always fails", inputSchema: {} }, async () => ({ isError: true, content: [{ type: "text", text: "The warehouse is closed." }] }));
  server.registerTool("calls", { description: "The calls this server got (for tests)", inputSchema: {} }, async () => ({ content: [{ type: "text", text: JSON.stringify(calls) }] }));
  return server;
}

const mode = process.argv[2] ?? "http";
if (mode === "stdio") {
  await buildServer().connect(new StdioServerTransport());
} else {
  const httpServer = http.createServer(async (request, response) => {
    if (request.headers.authorization !== `Bearer ${TOKEN}`) {
      response.writeHead(401, { "content-type": "application/json" });
      return response.end(JSON.stringify({ error: "unauthorized" }));
    }
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString("utf8")) : undefined;
    // Stateless: a new server and transport per request.
    const server = buildServer();
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    response.on("close", () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(request, response, body);
  });
  httpServer.listen(Number(process.env.MCP_PORT ?? 0), "127.0.0.1", () => {
    console.log(`MCP_URL=http://127.0.0.1:${(httpServer.address() as AddressInfo).port}/mcp`);
  });
}
