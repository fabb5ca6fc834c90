import { activityActor, assertCan, type Actor } from "@/lib/auth/actor";
import { recordActivity } from "@/lib/activity/record-activity";
import { getCredentialUsage } from "@/lib/credentials/get-credential-usage";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { describeUses } from "@/lib/workflows/describe-uses";

/**
 * Deletes a credential. While workflows use it (draft or active version) or knowledge bases embed
 * with it, deleting is refused with 409 naming them, unless `force`: their nodes then show a
 * missing credential, and those knowledge bases can no longer embed (new documents and vector
 * searches fail; full-text search still works).
 */
export async function deleteCredential(actor: Actor, { credentialId, force = false }: { credentialId: string; force?: boolean }) {
  assertCan(actor, "credentials.manage");
  await getDb().$transaction(async (tx) => {
    const { credential, usage, knowledgeBases } = await getCredentialUsage(actor, { credentialId }, { tx });
    if ((usage.length || knowledgeBases.length) && !force) {
      const users = [
        ...(usage.length ? [describeUses("workflow", usage.map((entry) => entry.workflowName))] : []),
        ...(knowledgeBases.length ? [describeUses("knowledge base", knowledgeBases.map((entry) => entry.name))] : []),
      ].join(" and ");
      throw new AppError("conflict", `"${credential.name}" is used by ${users}. Choose another credential there first, or delete it anyway (force).`);
    }
    await tx.credential.delete({ where: { id: credential.id } });
    await recordActivity({ workspaceId: actor.workspaceId, actor: activityActor(actor), action: "credential.deleted", targetType: "credential", targetId: credentialId, data: { name: credential.name, ...(usage.length ? { usedBy: usage.map((entry) => entry.workflowId) } : {}), ...(knowledgeBases.length ? { usedByKnowledgeBases: knowledgeBases.map((entry) => entry.knowledgeBaseId) } : {}) } }, { tx });
  });
}
