import { assertCan, type Actor } from "@/lib/auth/actor";
import { getDb, type Tx } from "@/lib/db";
import { MCP_CONNECTION_VIEW, toMcpConnection } from "@/lib/mcp-connections/create-mcp-connection";
import type { McpConnection } from "@/lib/schemas/mcp-connection";

/** The workspace's MCP connections with their last tested tools (editors pick them in agents); never header values. */
export async function listMcpConnections(actor: Actor, { tx }: { tx?: Tx } = {}): Promise<McpConnection[]> {
  assertCan(actor, "workflows.read");
  const rows = await (tx ?? getDb()).mcpConnection.findMany({ where: { workspaceId: actor.workspaceId }, orderBy: { name: "asc" }, select: MCP_CONNECTION_VIEW });
  return rows.map(toMcpConnection);
}
