import { activityActor, assertCan, type Actor } from "@/lib/auth/actor";
import { recordActivity } from "@/lib/activity/record-activity";
import { getDb, type Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors/app-error";
import { assertStdioServer, MCP_CONNECTION_VIEW, sealHeaders, toMcpConnection } from "@/lib/mcp-connections/create-mcp-connection";
import type { McpConnection, UpdateMcpConnectionInput } from "@/lib/schemas/mcp-connection";

/**
 * Renames, moves (transport, URL, server) or replaces the headers (write-only; sending `headers`
 * or `token` replaces all stored ones, `headers: null` clears them). Moving forgets the tested tools.
 */
export async function updateMcpConnection(actor: Actor, { connectionId, ...input }: UpdateMcpConnectionInput & { connectionId: string }, { tx }: { tx?: Tx } = {}): Promise<McpConnection> {
  assertCan(actor, "mcp_connections.manage");
  const work = async (db: Tx) => {
    const current = await db.mcpConnection.findFirst({ where: { id: connectionId, workspaceId: actor.workspaceId }, select: { id: true, name: true, transport: true, url: true, server: true, headerNames: true } });
    if (!current) throw new AppError("not_found", "MCP connection not found.");
    const transport = input.transport ?? current.transport;
    const url = transport === "stdio" ? null : input.url !== undefined ? input.url : current.url;
    const server = transport === "stdio" ? (input.server !== undefined ? input.server : current.server) : null;
    const replacesHeaders = input.headers !== undefined || input.token !== undefined;
    const problems: { path: string; message: string }[] = [];
    if (transport !== "stdio" && !url) problems.push({ path: "body.url", message: "Enter the server's URL." });
    if (transport === "stdio" && ((replacesHeaders && (Object.keys(input.headers ?? {}).length || input.token)) || (!replacesHeaders && current.headerNames.length))) problems.push({ path: "body.headers", message: "stdio servers take no headers or token." });
    if (problems.length) throw new AppError("bad_request", "The body is invalid.", { errors: problems });
    assertStdioServer(transport, server);
    if (input.name && input.name !== current.name) {
      const clash = await db.mcpConnection.findUnique({ where: { workspaceId_name: { workspaceId: actor.workspaceId, name: input.name } }, select: { id: true } });
      if (clash) throw new AppError("conflict", `An MCP connection named "${input.name}" exists already.`);
    }
    const moved = transport !== current.transport || url !== current.url || server !== current.server;
    const row = await db.mcpConnection.update({
      where: { id: current.id },
      data: { name: input.name, transport, url, server, ...(replacesHeaders ? sealHeaders(current.id, input.headers, input.token) : {}), ...(moved ? { tools: Prisma.DbNull, testedAt: null } : {}) },
      select: MCP_CONNECTION_VIEW,
    });
    await recordActivity({ workspaceId: actor.workspaceId, actor: activityActor(actor), action: "mcp_connection.updated", targetType: "mcp_connection", targetId: current.id, data: { name: row.name, changed: Object.keys(input).filter((key) => key !== "token" || input.token !== undefined) } }, { tx: db });
    return toMcpConnection(row);
  };
  return tx ? work(tx) : getDb().$transaction(work);
}
