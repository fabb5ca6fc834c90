import { activityActor, assertCan, type Actor } from "@/lib/auth/actor";
import { recordActivity } from "@/lib/activity/record-activity";
import { getDb, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { describeUses } from "@/lib/workflows/describe-uses";
import { listNodeReferences } from "@/lib/workflows/list-node-references";

/**
 * Deletes a connection. While agents use it (draft or active version), deleting is refused with
 * 409 naming their workflows, unless `force`: those agents then fail with "This agent's MCP
 * connection no longer exists" until another one is picked.
 */
export async function deleteMcpConnection(actor: Actor, { connectionId, force = false }: { connectionId: string; force?: boolean }, { tx }: { tx?: Tx } = {}): Promise<void> {
  assertCan(actor, "mcp_connections.manage");
  const work = async (db: Tx) => {
    const current = await db.mcpConnection.findFirst({ where: { id: connectionId, workspaceId: actor.workspaceId }, select: { id: true, name: true } });
    if (!current) throw new AppError("not_found", "MCP connection not found.");
    const usage = await listNodeReferences(actor, { kind: "mcp_connection", referenceId: current.id }, { tx: db });
    if (usage.length && !force) {
      throw new AppError("conflict", `"${current.name}" is used by ${describeUses("workflow", usage.map((entry) => entry.workflowName))}. Pick another connection in their agents first, or delete it anyway (force).`);
    }
    await db.mcpConnection.delete({ where: { id: current.id } });
    await recordActivity({ workspaceId: actor.workspaceId, actor: activityActor(actor), action: "mcp_connection.deleted", targetType: "mcp_connection", targetId: current.id, data: { name: current.name, ...(usage.length ? { usedBy: usage.map((entry) => entry.workflowId) } : {}) } }, { tx: db });
  };
  await (tx ? work(tx) : getDb().$transaction(work));
}
