import { can, type Permission } from "@/lib/auth/permissions";
import type { Role } from "@/lib/auth/roles";
import { AppError } from "@/lib/errors/app-error";

/** Who is acting, in which workspace, with which role: a signed-in member or an API key. */
export type Actor = {
  kind: "user" | "api_key";
  userId: string | null;
  apiKeyId: string | null;
  workspaceId: string;
  role: Role;
};

export function assertCan(actor: Actor, permission: Permission): void {
  if (!can(actor.role, permission)) {
    throw new AppError("forbidden", `Your role (${actor.role}) does not allow this (${permission}).`);
  }
}

export function activityActor(actor: Actor) {
  return { userId: actor.userId, apiKeyId: actor.apiKeyId };
}
