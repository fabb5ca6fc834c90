import { json, route } from "@/lib/http/route";
import { createWorkspaceSchema } from "@/lib/schemas/workspace";
import { createWorkspace } from "@/lib/workspaces/create-workspace";
import { listUserWorkspaces } from "@/lib/workspaces/list-user-workspaces";

export const GET = route({ auth: "user" }, async ({ user }) => json({ items: await listUserWorkspaces(user.id) }));

export const POST = route({ auth: "user", body: createWorkspaceSchema }, async ({ user, body }) => {
  const workspace = await createWorkspace({ name: body.name, ownerId: user.id });
  return json({ id: workspace.id, name: workspace.name, role: "owner" }, { status: 201 });
});
