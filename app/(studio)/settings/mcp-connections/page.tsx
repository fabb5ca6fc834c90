import type { Metadata } from "next";
import { McpConnectionsPanel } from "@/components/settings/mcp-connections-panel";
import { requireStudioSession } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { getEnv } from "@/lib/env";
import { listMcpConnections } from "@/lib/mcp-connections/list-mcp-connections";

export const metadata: Metadata = { title: "MCP connections" };

// Everyone sees the servers and their tools (agents pick them); admins add, test and delete them.
export default async function McpConnectionsPage() {
  const { actor } = await requireStudioSession();
  const connections = await listMcpConnections(actor);
  return (
    <McpConnectionsPanel
      canManage={can(actor.role, "mcp_connections.manage")}
      stdioServers={Object.keys(getEnv().AGENTRY_MCP_STDIO_SERVERS ?? {})}
      connections={connections.map((connection) => ({ ...connection, testedAt: connection.testedAt?.toISOString() ?? null, createdAt: connection.createdAt.toISOString(), updatedAt: connection.updatedAt.toISOString() }))}
    />
  );
}
