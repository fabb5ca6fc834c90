import { createHash } from "node:crypto";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { SSEClientTransport } from "@modelcontextprotocol/sdk/client/sse.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import { McpError } from "@modelcontextprotocol/sdk/types.js";
import { NodeExecutionError, UserFacingError, type McpPort, type McpServerRef, type ToolSpec } from "@/lib/engine/types";
import { createOutboundPolicy, OutboundError } from "@/lib/outbound/outbound-policy";

/** A stdio server the operator configured (AGENTRY_MCP_STDIO_SERVERS): a command on this machine. */
export type McpStdioServer = { command: string; args?: string[]; env?: Record<string, string>; cwd?: string };

export type McpPortOptions = {
  /** AGENTRY_HTTP_ALLOW: what remote MCP URLs may reach besides public addresses. */
  allow?: string;
  stdioServers?: Record<string, McpStdioServer>;
  /** A workspace credential's secret (sent as a bearer token). */
  resolveCredential?: (credentialId: string) => Promise<string>;
  /** Scopes idempotency keys (the execution id), so two executions never share one. */
  idempotencyScope?: string;
  timeoutMs?: number;
};

const CLIENT_INFO = { name: "agentry", version: "1.0.0" };

/**
 * Agents' access to MCP servers through @modelcontextprotocol/sdk. Remote servers (Streamable
 * HTTP, SSE) are user-chosen URLs: they are reached only through the outbound policy's fetch
 * (addresses checked after DNS and on every redirect, AGENTRY_HTTP_ALLOW). stdio servers are
 * commands the operator listed by name; a workflow can only name one, never give a command.
 * One connection per listing or call: agent steps may run in different processes (Inngest).
 */
export function createMcpPort(options: McpPortOptions = {}): McpPort {
  const timeout = options.timeoutMs ?? 60_000;
  return {
    async listTools(server, signal) {
      return withClient(server, options, async (client) => {
        const tools: ToolSpec[] = [];
        let cursor: string | undefined;
        do {
          const page = await client.listTools(cursor ? { cursor } : {}, { signal, timeout });
          for (const tool of page.tools) tools.push({ name: tool.name, description: tool.description ?? tool.title ?? "", inputSchema: tool.inputSchema as Record<string, unknown> });
          cursor = page.nextCursor;
        } while (cursor && tools.length < 1000);
        return tools;
      });
    },
    async callTool(server, name, args, { key, signal }) {
      return withClient(server, options, async (client) => {
        const result = await client.callTool(
          // Servers that deduplicate can use the key: the same on every retry and replay of the step.
          { name, arguments: args, _meta: { idempotencyKey: scopedKey(options.idempotencyScope, key) } },
          undefined,
          { signal, timeout },
        );
        return { content: contentText(result), isError: result.isError === true };
      });
    },
  };
}

async function withClient<T>(server: McpServerRef, options: McpPortOptions, work: (client: Client) => Promise<T>): Promise<T> {
  const transport = await openTransport(server, options);
  const client = new Client(CLIENT_INFO);
  try {
    await client.connect(transport, { timeout: options.timeoutMs ?? 30_000 });
    return await work(client);
  } catch (error) {
    throw describeMcpError(error, server);
  } finally {
    await client.close().catch(() => undefined);
  }
}

async function openTransport(server: McpServerRef, options: McpPortOptions): Promise<Transport> {
  if (server.transport === "stdio") {
    const configured = options.stdioServers?.[server.server];
    if (!configured) throw new NodeExecutionError(`No stdio MCP server named "${server.server}" is configured on this instance (AGENTRY_MCP_STDIO_SERVERS).`);
    return new StdioClientTransport({ command: configured.command, args: configured.args, env: configured.env, cwd: configured.cwd, stderr: "ignore" });
  }
  const policy = createOutboundPolicy({ allow: options.allow });
  const url = policy.assertAllowedUrl(server.url);
  const headers: Record<string, string> = { ...server.headers };
  if (server.credentialId) {
    if (!options.resolveCredential) throw new NodeExecutionError("Credentials are not available in this runtime.");
    headers.authorization = `Bearer ${await options.resolveCredential(server.credentialId)}`;
  }
  if (server.transport === "sse") return new SSEClientTransport(url, { fetch: policy.fetch, requestInit: { headers } });
  return new StreamableHTTPClientTransport(url, { fetch: policy.fetch, requestInit: { headers } });
}

/** The text of a tool result: text parts as they are, structured content as JSON, others named. */
function contentText(result: Awaited<ReturnType<Client["callTool"]>>): string {
  const parts = (result.content as { type: string; text?: string; resource?: { text?: string; uri?: string } }[] | undefined) ?? [];
  const texts = parts.map((part) => (part.type === "text" ? (part.text ?? "") : part.type === "resource" ? (part.resource?.text ?? `[resource ${part.resource?.uri ?? ""}]`) : `[${part.type}]`));
  if (!texts.length && result.structuredContent !== undefined) return JSON.stringify(result.structuredContent);
  return texts.join("\n");
}

/**
 * Short messages for people: the policy's own refusals as they are; HTTP failures by status;
 * never what a user-chosen server answered beyond that.
 */
function describeMcpError(error: unknown, server: McpServerRef): Error {
  if (error instanceof UserFacingError) return error;
  for (let cause: unknown = error; cause; cause = (cause as { cause?: unknown }).cause) {
    if (cause instanceof OutboundError) return new NodeExecutionError(cause.message, cause.retryable, { cause: error });
    if (cause === (cause as { cause?: unknown }).cause) break;
  }
  const where = server.transport === "stdio" ? `the MCP server "${server.server}"` : `the MCP server at ${originOf(server.url)}`;
  const message = error instanceof Error ? error.message : String(error);
  // A JSON-RPC error of the server (unknown tool, bad arguments): its words, shortened, help the model.
  if (error instanceof McpError && !/^MCP error -32001/.test(message)) return new NodeExecutionError(`${where} refused the request: ${message.replace(/\s+/g, " ").slice(0, 200)}`, false, { cause: error });
  // The transports' errors carry the HTTP status as `code` (JSON-RPC codes are negative).
  const code = (error as { code?: unknown })?.code;
  const status = typeof code === "number" && code >= 400 && code < 600 ? String(code) : /\bHTTP (\d{3})\b/.exec(message)?.[1];
  if (status === "401" || status === "403") return new NodeExecutionError(`${where} refused the credentials (${status}).`, false, { cause: error });
  if (status === "404") return new NodeExecutionError(`Nothing answered at ${where} (404): check the URL and the transport.`, false, { cause: error });
  if (status) return new NodeExecutionError(`${where} answered ${status}${Number(status) >= 500 || status === "429" ? "; try again later" : ""}.`, Number(status) >= 500 || status === "429", { cause: error });
  if (/timed? ?out/i.test(message)) return new NodeExecutionError(`${where} did not answer in time.`, true, { cause: error });
  if ((error as { name?: string })?.name === "AbortError") return new NodeExecutionError("The MCP call was cancelled.", false, { cause: error });
  return new NodeExecutionError(`Could not talk to ${where}.`, true, { cause: error });
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return "the configured URL";
  }
}

function scopedKey(scope: string | undefined, key: string): string {
  return createHash("sha256").update(`${scope ?? ""}\n${key}`).digest("base64url").slice(0, 32);
}
