import { openSecret } from "@/lib/credentials/secret-box";
import { getDb, type Tx } from "@/lib/db";
import { NodeExecutionError, type McpServerRef } from "@/lib/engine/types";

/**
 * The server a workspace's MCP connection points to, headers decrypted — for a running execution
 * of `workspaceId` (or an admin's test) only, never for API answers. Another workspace's id is
 * "no longer exists", like a deleted one.
 */
export async function resolveMcpServer({ workspaceId, connectionId }: { workspaceId: string; connectionId: string }, { tx }: { tx?: Tx } = {}): Promise<McpServerRef & { name: string }> {
  const row = await (tx ?? getDb()).mcpConnection.findFirst({ where: { id: connectionId, workspaceId }, select: { id: true, name: true, transport: true, url: true, server: true, headers: true } });
  if (!row) throw new NodeExecutionError("This agent's MCP connection no longer exists in this workspace (deleted?): pick another one in the editor.");
  if (row.transport === "stdio") return { name: row.name, transport: "stdio", server: row.server ?? "" };
  const headers = row.headers ? (JSON.parse(openSecret(row.headers, `mcp:${row.id}`)) as Record<string, string>) : undefined;
  return { name: row.name, transport: row.transport === "sse" ? "sse" : "streamable-http", url: row.url ?? "", headers };
}
