import { requireMember } from "@/lib/auth/require-member";
import { noContent, param, route } from "@/lib/http/route";
import { transferOwnershipSchema } from "@/lib/schemas/workspace";
import { transferOwnership } from "@/lib/workspaces/transfer-ownership";

export const POST = route({ auth: "user", body: transferOwnershipSchema }, async ({ user, params, body }) => {
  await transferOwnership(await requireMember({ workspaceId: param(params, "id"), userId: user.id, minRole: "owner" }), body);
  return noContent();
});
