import { assertCan, type Actor } from "@/lib/auth/actor";
import { getDb, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { MCP_CONNECTION_VIEW, toMcpConnection } from "@/lib/mcp-connections/create-mcp-connection";
import type { McpConnection } from "@/lib/schemas/mcp-connection";

/** One connection of the actor's workspace (404 for another workspace's). */
export async function getMcpConnection(actor: Actor, { connectionId }: { connectionId: string }, { tx }: { tx?: Tx } = {}): Promise<McpConnection> {
  assertCan(actor, "workflows.read");
  const row = await (tx ?? getDb()).mcpConnection.findFirst({ where: { id: connectionId, workspaceId: actor.workspaceId }, select: MCP_CONNECTION_VIEW });
  if (!row) throw new AppError("not_found", "MCP connection not found.");
  return toMcpConnection(row);
}
