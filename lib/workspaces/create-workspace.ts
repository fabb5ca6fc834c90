import { recordActivity } from "@/lib/activity/record-activity";
import { getDb, type Tx } from "@/lib/db";

/** A new workspace owned by `ownerId`, who is switched into it. */
export async function createWorkspace({ name, ownerId }: { name: string; ownerId: string }, { tx }: { tx?: Tx } = {}) {
  const run = async (db: Tx) => {
    const workspace = await db.workspace.create({
      data: { name, memberships: { create: { userId: ownerId, role: "owner" } } },
    });
    await db.user.update({ where: { id: ownerId }, data: { activeWorkspaceId: workspace.id } });
    await recordActivity(
      { workspaceId: workspace.id, actor: { userId: ownerId }, action: "workspace.created", targetType: "workspace", targetId: workspace.id, data: { name } },
      { tx: db },
    );
    return workspace;
  };
  return tx ? run(tx) : getDb().$transaction(run);
}
