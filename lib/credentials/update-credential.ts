import { activityActor, assertCan, type Actor } from "@/lib/auth/actor";
import { recordActivity } from "@/lib/activity/record-activity";
import { CREDENTIAL_ADMIN_VIEW } from "@/lib/credentials/create-credential";
import { sealSecret } from "@/lib/credentials/secret-box";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import type { UpdateCredentialInput } from "@/lib/schemas/credential";

/**
 * Renames a credential, rotates its secret (the old one is gone at once: the next step that reads
 * it gets the new one) or changes its base URL. The answer never contains the secret.
 */
export async function updateCredential(actor: Actor, { credentialId, ...input }: UpdateCredentialInput & { credentialId: string }) {
  assertCan(actor, "credentials.manage");
  return getDb().$transaction(async (tx) => {
    const current = await tx.credential.findFirst({ where: { id: credentialId, workspaceId: actor.workspaceId }, select: { id: true, name: true, provider: true } });
    if (!current) throw new AppError("not_found", "Credential not found.");
    if (input.baseUrl && current.provider === "http") {
      throw new AppError("bad_request", "HTTP credentials have no base URL.", { errors: [{ path: "body.baseUrl", message: "HTTP credentials have no base URL: the HTTP node says where to send them." }] });
    }
    if (input.baseUrl === null && current.provider === "openai-compatible") {
      throw new AppError("bad_request", "An OpenAI-compatible credential needs its base URL.", { errors: [{ path: "body.baseUrl", message: "An OpenAI-compatible server needs its base URL." }] });
    }
    if (input.name !== undefined && input.name !== current.name) {
      const taken = await tx.credential.findUnique({ where: { workspaceId_name: { workspaceId: actor.workspaceId, name: input.name } }, select: { id: true } });
      if (taken) throw new AppError("conflict", `A credential named "${input.name}" exists already.`);
    }
    const rotated = input.secret !== undefined;
    const updated = await tx.credential.update({
      where: { id: current.id },
      data: {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.baseUrl !== undefined ? { baseUrl: input.baseUrl || null } : {}),
        ...(rotated ? { secret: sealSecret(input.secret!, current.id), rotatedAt: new Date() } : {}),
      },
      select: CREDENTIAL_ADMIN_VIEW,
    });
    const changed = [...(input.name !== undefined && input.name !== current.name ? ["name"] : []), ...(input.baseUrl !== undefined ? ["baseUrl"] : [])];
    if (rotated) await recordActivity({ workspaceId: actor.workspaceId, actor: activityActor(actor), action: "credential.rotated", targetType: "credential", targetId: current.id, data: { name: updated.name } }, { tx });
    if (changed.length) await recordActivity({ workspaceId: actor.workspaceId, actor: activityActor(actor), action: "credential.updated", targetType: "credential", targetId: current.id, data: { name: updated.name, changed } }, { tx });
    return updated;
  });
}
