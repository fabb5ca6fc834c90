import { activityActor, assertCan, type Actor } from "@/lib/auth/actor";
import { recordActivity } from "@/lib/activity/record-activity";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";

export async function deleteCredential(actor: Actor, { credentialId }: { credentialId: string }) {
  assertCan(actor, "credentials.manage");
  await getDb().$transaction(async (tx) => {
    const deleted = await tx.credential.deleteMany({ where: { id: credentialId, workspaceId: actor.workspaceId } });
    if (deleted.count === 0) throw new AppError("not_found", "Credential not found.");
    await recordActivity({ workspaceId: actor.workspaceId, actor: activityActor(actor), action: "credential.deleted", targetType: "credential", targetId: credentialId }, { tx });
  });
}
