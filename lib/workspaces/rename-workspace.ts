import { activityActor, assertCan, type Actor } from "@/lib/auth/actor";
import { recordActivity } from "@/lib/activity/record-activity";
import { getDb } from "@/lib/db";

export async function renameWorkspace(actor: Actor, { name }: { name: string }) {
  assertCan(actor, "workspace.rename");
  return getDb().$transaction(async (tx) => {
    const workspace = await tx.workspace.update({ where: { id: actor.workspaceId }, data: { name }, select: { id: true, name: true } });
    await recordActivity(
      { workspaceId: actor.workspaceId, actor: activityActor(actor), action: "workspace.renamed", targetType: "workspace", targetId: workspace.id, data: { name } },
      { tx },
    );
    return workspace;
  });
}
