import { json, route } from "@/lib/http/route";
import { switchWorkspaceSchema } from "@/lib/schemas/workspace";
import { switchWorkspace } from "@/lib/workspaces/switch-workspace";

export const PUT = route({ auth: "user", body: switchWorkspaceSchema }, async ({ user, body }) => {
  const actor = await switchWorkspace({ userId: user.id, workspaceId: body.workspaceId });
  return json({ workspaceId: actor.workspaceId, role: actor.role });
});
