import type { Actor } from "@/lib/auth/actor";
import type { Role } from "@/lib/auth/roles";

/**
 * The workspace acting on its own behalf — a webhook call, a schedule, a sub-workflow — with an
 * editor's rights (it may start runs, nothing more).
 */
export function workspaceActor(workspaceId: string, role: Role = "editor"): Actor {
  return { kind: "user", userId: null, apiKeyId: null, workspaceId, role };
}
