import crypto from "node:crypto";
import { activityActor, assertCan, type Actor } from "@/lib/auth/actor";
import { recordActivity } from "@/lib/activity/record-activity";
import { sealSecret } from "@/lib/credentials/secret-box";
import { getDb, type Tx } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import type { CreateMcpConnectionInput, McpConnection, McpTool, McpTransport } from "@/lib/schemas/mcp-connection";

/** What anyone in the workspace sees of a connection (to pick it or its tools in an agent): never header values. */
export const MCP_CONNECTION_VIEW = { id: true, name: true, transport: true, url: true, server: true, headerNames: true, tools: true, testedAt: true, createdAt: true, updatedAt: true } as const;

type ViewRow = { id: string; name: string; transport: string; url: string | null; server: string | null; headerNames: string[]; tools: unknown; testedAt: Date | null; createdAt: Date; updatedAt: Date };

export function toMcpConnection(row: ViewRow): McpConnection {
  return { ...row, transport: row.transport as McpTransport, tools: Array.isArray(row.tools) ? (row.tools as McpTool[]) : null };
}

/** `token` becomes `Authorization: Bearer …`; the headers are sealed with the connection id bound in. */
export function sealHeaders(id: string, headers: Record<string, string> | null | undefined, token: string | null | undefined): { headers: string | null; headerNames: string[] } {
  const all: Record<string, string> = { ...(headers ?? {}) };
  if (token) {
    for (const name of Object.keys(all)) if (name.toLowerCase() === "authorization") delete all[name];
    all.Authorization = `Bearer ${token}`;
  }
  const names = Object.keys(all);
  return { headers: names.length ? sealSecret(JSON.stringify(all), `mcp:${id}`) : null, headerNames: names };
}

/** A stdio connection may only name a server the operator listed (AGENTRY_MCP_STDIO_SERVERS). */
export function assertStdioServer(transport: string, server: string | null | undefined) {
  if (transport !== "stdio") return;
  const configured = getEnv().AGENTRY_MCP_STDIO_SERVERS ?? {};
  if (!server || !configured[server]) {
    const names = Object.keys(configured);
    throw new AppError("bad_request", "The body is invalid.", {
      errors: [{ path: "body.server", message: names.length ? `No stdio MCP server named "${server ?? ""}" on this instance; configured: ${names.join(", ")}.` : "This instance runs no stdio MCP servers (the operator enables them with AGENTRY_MCP_STDIO_SERVERS)." }],
    });
  }
}

/** Stores a workspace MCP connection; header values and tokens are encrypted and never returned. */
export async function createMcpConnection(actor: Actor, input: CreateMcpConnectionInput, { tx }: { tx?: Tx } = {}): Promise<McpConnection> {
  assertCan(actor, "mcp_connections.manage");
  assertStdioServer(input.transport, input.server);
  const id = crypto.randomUUID();
  const sealed = sealHeaders(id, input.headers, input.token);
  const work = async (db: Tx) => {
    const existing = await db.mcpConnection.findUnique({ where: { workspaceId_name: { workspaceId: actor.workspaceId, name: input.name } }, select: { id: true } });
    if (existing) throw new AppError("conflict", `An MCP connection named "${input.name}" exists already.`);
    const row = await db.mcpConnection.create({
      data: { id, workspaceId: actor.workspaceId, name: input.name, transport: input.transport, url: input.transport === "stdio" ? null : (input.url ?? null), server: input.transport === "stdio" ? (input.server ?? null) : null, ...sealed, createdById: actor.userId },
      select: MCP_CONNECTION_VIEW,
    });
    await recordActivity({ workspaceId: actor.workspaceId, actor: activityActor(actor), action: "mcp_connection.created", targetType: "mcp_connection", targetId: id, data: { name: input.name, transport: input.transport } }, { tx: db });
    return toMcpConnection(row);
  };
  return tx ? work(tx) : getDb().$transaction(work);
}
