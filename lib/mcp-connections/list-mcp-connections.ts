import { assertCan, type Actor } from "@/lib/auth/actor";
import { getDb, type Tx } from "@/lib/db";
import { MCP_CONNECTION_VIEW, toMcpConnection } from "@/lib/mcp-connections/create-mcp-connection";
import type { McpConnection } from "@/lib/schemas/mcp-connection";
import { listNodeReferences } from "@/lib/workflows/list-node-references";

/**
 * The workspace's MCP connections with their last tested tools (editors pick them in agents) and
 * the workflows whose agents use them; never header values.
 */
export async function listMcpConnections(actor: Actor, { tx }: { tx?: Tx } = {}): Promise<McpConnection[]> {
  assertCan(actor, "workflows.read");
  const [rows, usage] = await Promise.all([
    (tx ?? getDb()).mcpConnection.findMany({ where: { workspaceId: actor.workspaceId }, orderBy: { name: "asc" }, select: MCP_CONNECTION_VIEW }),
    listNodeReferences(actor, { kind: "mcp_connection" }, { tx }),
  ]);
  return rows.map((row) => ({
    ...toMcpConnection(row),
    usedBy: usage.filter((entry) => entry.referenceId === row.id).map(({ workflowId, workflowName }) => ({ workflowId, workflowName })),
  }));
}
