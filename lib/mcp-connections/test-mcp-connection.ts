import { assertCan, type Actor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { UserFacingError } from "@/lib/engine/types";
import { AppError } from "@/lib/errors/app-error";
import { rateLimit } from "@/lib/kv/rate-limit";
import { createMcpPort } from "@/lib/mcp/create-mcp-port";
import { OutboundError } from "@/lib/outbound/outbound-policy";
import { resolveMcpServer } from "@/lib/mcp-connections/resolve-mcp-server";
import type { McpTool } from "@/lib/schemas/mcp-connection";

/** Tests connect out on demand: a workspace gets 30 a minute. */
export const MCP_CONNECTION_TEST_LIMIT = { limit: 30, windowMs: 60_000 };

/**
 * Connects to the server through the same port and outbound policy as agents (remote URLs checked
 * after DNS and on redirects, AGENTRY_HTTP_ALLOW) and lists its tools with their JSON Schemas.
 * The outcome is the answer (a refused token is a successful test, ok: false); a working server's
 * tools are stored, so editors can pick single tools in agents without testing themselves.
 */
export async function testMcpConnection(actor: Actor, { connectionId }: { connectionId: string }, { timeoutMs = 15_000 }: { timeoutMs?: number } = {}): Promise<{ ok: boolean; message: string; tools?: McpTool[]; testedAt: Date }> {
  assertCan(actor, "mcp_connections.manage");
  const exists = await getDb().mcpConnection.findFirst({ where: { id: connectionId, workspaceId: actor.workspaceId }, select: { id: true } });
  if (!exists) throw new AppError("not_found", "MCP connection not found.");
  await rateLimit("mcp-connection-test", actor.workspaceId, MCP_CONNECTION_TEST_LIMIT);
  const { name, ...server } = await resolveMcpServer({ workspaceId: actor.workspaceId, connectionId });
  const env = getEnv();
  const port = createMcpPort({ allow: env.AGENTRY_HTTP_ALLOW, stdioServers: env.AGENTRY_MCP_STDIO_SERVERS, timeoutMs });
  const testedAt = new Date();
  try {
    const tools = await port.listTools(server, AbortSignal.timeout(timeoutMs + 1000));
    await getDb().mcpConnection.update({ where: { id: connectionId }, data: { tools: tools as unknown as object[], testedAt } });
    return { ok: true, message: `Connected to "${name}": ${tools.length} tool${tools.length === 1 ? "" : "s"}.`, tools, testedAt };
  } catch (error) {
    return { ok: false, message: error instanceof UserFacingError || error instanceof OutboundError || error instanceof AppError ? error.message : "Could not talk to the MCP server.", testedAt };
  }
}
