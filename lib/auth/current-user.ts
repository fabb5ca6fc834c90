import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import type { Actor } from "@/lib/auth/actor";
import { getSessionUser, type SessionUser } from "@/lib/auth/get-session-user";
import { SESSION_COOKIE_NAMES } from "@/lib/auth/session-cookie";
import { resolveActiveWorkspace } from "@/lib/workspaces/resolve-active-workspace";

/** The signed-in user of the current page request, or null (once per request). */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const jar = await cookies();
  const token = SESSION_COOKIE_NAMES.map((name) => jar.get(name)?.value).find(Boolean) ?? null;
  return getSessionUser(token);
});

/** For studio pages: the user and their active workspace, or a redirect to sign in. */
export const requireStudioSession = cache(async (): Promise<{ user: SessionUser; actor: Actor }> => {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  return { user, actor: await resolveActiveWorkspace(user) };
});
