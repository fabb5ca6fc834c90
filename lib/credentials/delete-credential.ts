import { activityActor, assertCan, type Actor } from "@/lib/auth/actor";
import { recordActivity } from "@/lib/activity/record-activity";
import { getCredentialUsage } from "@/lib/credentials/get-credential-usage";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { describeWorkflowUsage } from "@/lib/workflows/describe-workflow-usage";

/**
 * Deletes a credential. While workflows use it (draft or active version), deleting is refused
 * with 409 naming them, unless `force`: their nodes then show a missing credential.
 */
export async function deleteCredential(actor: Actor, { credentialId, force = false }: { credentialId: string; force?: boolean }) {
  assertCan(actor, "credentials.manage");
  await getDb().$transaction(async (tx) => {
    const { credential, usage } = await getCredentialUsage(actor, { credentialId }, { tx });
    if (usage.length && !force) {
      throw new AppError("conflict", `"${credential.name}" is used by ${describeWorkflowUsage(usage)}. Choose another credential there first, or delete it anyway (force).`);
    }
    await tx.credential.delete({ where: { id: credential.id } });
    await recordActivity({ workspaceId: actor.workspaceId, actor: activityActor(actor), action: "credential.deleted", targetType: "credential", targetId: credentialId, data: { name: credential.name, ...(usage.length ? { usedBy: usage.map((entry) => entry.workflowId) } : {}) } }, { tx });
  });
}
