import type { Actor } from "@/lib/auth/actor";
import { getSessionUser, type SessionUser } from "@/lib/auth/get-session-user";
import { hasRole, type Role } from "@/lib/auth/roles";
import { assertSameOriginWrite } from "@/lib/auth/same-origin-write";
import { sessionTokenFromCookieHeader } from "@/lib/auth/session-cookie";
import { authenticateApiKey } from "@/lib/api-keys/authenticate-api-key";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import { rateLimit } from "@/lib/kv/rate-limit";
import { resolveActiveWorkspace } from "@/lib/workspaces/resolve-active-workspace";

export const WORKSPACE_HEADER = "x-agentry-workspace";

/** The signed-in user of a request (session cookie), or 401; a cross-site write is 403. */
export async function requireSessionUser(request: Request): Promise<SessionUser> {
  const user = await getSessionUser(sessionTokenFromCookieHeader(request.headers.get("cookie")));
  if (!user) throw new AppError("unauthorized", "Sign in, or send an API key as `Authorization: Bearer <key>`.");
  assertSameOriginWrite(request);
  return user;
}

/**
 * Who is calling and in which workspace: `Authorization: Bearer <api key>` (the key's workspace
 * and role) or the session cookie (the active workspace, or X-Agentry-Workspace). At least `minRole`.
 */
export async function resolveActor(request: Request, minRole: Role): Promise<Actor> {
  const authorization = request.headers.get("authorization");
  let actor: Actor;
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    const keyActor = match ? await authenticateApiKey(match[1]!) : null;
    if (!keyActor) throw new AppError("unauthorized", "The API key is invalid or revoked.", { headers: { "www-authenticate": "Bearer" } });
    await rateLimit("api-key", keyActor.apiKeyId!, { limit: getEnv().AGENTRY_API_KEY_RATE_LIMIT, windowMs: 60_000 });
    actor = keyActor;
  } else {
    const user = await requireSessionUser(request);
    actor = await resolveActiveWorkspace(user, request.headers.get(WORKSPACE_HEADER));
  }
  if (!hasRole(actor.role, minRole)) {
    throw new AppError("forbidden", `This needs the ${minRole} role or higher; ${actor.kind === "api_key" ? "this key has" : "you have"} ${actor.role}.`);
  }
  return actor;
}
