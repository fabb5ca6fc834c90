import { json, noContent, param, route } from "@/lib/http/route";
import { changeMemberRole } from "@/lib/members/change-member-role";
import { removeMember } from "@/lib/members/remove-member";
import { changeMemberRoleSchema } from "@/lib/schemas/workspace";

export const PATCH = route({ auth: { role: "admin" }, body: changeMemberRoleSchema }, async ({ actor, params, body }) =>
  json(await changeMemberRole(actor, { userId: param(params, "userId"), role: body.role })),
);

// Admins remove members; any member may remove themselves (leave).
export const DELETE = route({ auth: { role: "viewer" } }, async ({ actor, params }) => {
  await removeMember(actor, { userId: param(params, "userId") });
  return noContent();
});
