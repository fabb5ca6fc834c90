import { activityActor, assertCan, type Actor } from "@/lib/auth/actor";
import { recordActivity } from "@/lib/activity/record-activity";
import { getDb, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";

/** Deletes a connection; agents that pick it then fail with "This agent's MCP connection no longer exists". */
export async function deleteMcpConnection(actor: Actor, { connectionId }: { connectionId: string }, { tx }: { tx?: Tx } = {}): Promise<void> {
  assertCan(actor, "mcp_connections.manage");
  const work = async (db: Tx) => {
    const current = await db.mcpConnection.findFirst({ where: { id: connectionId, workspaceId: actor.workspaceId }, select: { id: true, name: true } });
    if (!current) throw new AppError("not_found", "MCP connection not found.");
    await db.mcpConnection.delete({ where: { id: current.id } });
    await recordActivity({ workspaceId: actor.workspaceId, actor: activityActor(actor), action: "mcp_connection.deleted", targetType: "mcp_connection", targetId: current.id, data: { name: current.name } }, { tx: db });
  };
  await (tx ? work(tx) : getDb().$transaction(work));
}
