import crypto from "node:crypto";
import { activityActor, assertCan, type Actor } from "@/lib/auth/actor";
import { recordActivity } from "@/lib/activity/record-activity";
import { sealSecret } from "@/lib/credentials/secret-box";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import type { CreateCredentialInput } from "@/lib/schemas/credential";

/** What anyone in the workspace sees of a credential: enough to pick it in a node. */
export const CREDENTIAL_VIEW = { id: true, name: true, provider: true, createdAt: true, updatedAt: true } as const;
/** What admins see besides: never the secret. */
export const CREDENTIAL_ADMIN_VIEW = { ...CREDENTIAL_VIEW, baseUrl: true, lastUsedAt: true, rotatedAt: true } as const;

/** Stores a secret encrypted; the answer never contains it. */
export async function createCredential(actor: Actor, input: CreateCredentialInput) {
  assertCan(actor, "credentials.manage");
  const id = crypto.randomUUID();
  return getDb().$transaction(async (tx) => {
    const existing = await tx.credential.findUnique({ where: { workspaceId_name: { workspaceId: actor.workspaceId, name: input.name } }, select: { id: true } });
    if (existing) throw new AppError("conflict", `A credential named "${input.name}" exists already.`);
    const credential = await tx.credential.create({
      data: { id, workspaceId: actor.workspaceId, name: input.name, provider: input.provider, secret: sealSecret(input.secret ?? "", id), baseUrl: input.baseUrl || null, createdById: actor.userId },
      select: CREDENTIAL_ADMIN_VIEW,
    });
    await recordActivity({ workspaceId: actor.workspaceId, actor: activityActor(actor), action: "credential.created", targetType: "credential", targetId: id, data: { name: input.name, provider: input.provider } }, { tx });
    return credential;
  });
}
