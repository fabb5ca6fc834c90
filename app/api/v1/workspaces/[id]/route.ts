import { requireMember } from "@/lib/auth/require-member";
import { json, noContent, param, route } from "@/lib/http/route";
import { renameWorkspaceSchema } from "@/lib/schemas/workspace";
import { deleteWorkspace } from "@/lib/workspaces/delete-workspace";
import { getWorkspace } from "@/lib/workspaces/get-workspace";
import { renameWorkspace } from "@/lib/workspaces/rename-workspace";

export const GET = route({ auth: "user" }, async ({ user, params }) =>
  json(await getWorkspace(await requireMember({ workspaceId: param(params, "id"), userId: user.id, minRole: "viewer" }))),
);

export const PATCH = route({ auth: "user", body: renameWorkspaceSchema }, async ({ user, params, body }) => {
  const actor = await requireMember({ workspaceId: param(params, "id"), userId: user.id, minRole: "admin" });
  return json(await renameWorkspace(actor, body));
});

export const DELETE = route({ auth: "user" }, async ({ user, params }) => {
  await deleteWorkspace(await requireMember({ workspaceId: param(params, "id"), userId: user.id, minRole: "owner" }));
  return noContent();
});
