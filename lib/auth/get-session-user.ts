import { getDb, type Tx } from "@/lib/db";

export type SessionUser = { id: string; email: string; name: string | null; activeWorkspaceId: string | null };

/** The user behind a session token, if the session exists and has not expired. */
export async function getSessionUser(sessionToken: string | null, { tx }: { tx?: Tx } = {}): Promise<SessionUser | null> {
  if (!sessionToken) return null;
  const session = await (tx ?? getDb()).session.findUnique({
    where: { sessionToken },
    select: { expires: true, user: { select: { id: true, email: true, name: true, activeWorkspaceId: true } } },
  });
  if (!session || session.expires <= new Date() || !session.user.email) return null;
  return { ...session.user, email: session.user.email };
}
