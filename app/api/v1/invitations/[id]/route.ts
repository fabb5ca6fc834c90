import { noContent, param, route } from "@/lib/http/route";
import { revokeInvitation } from "@/lib/invitations/revoke-invitation";

export const DELETE = route({ auth: { role: "admin" } }, async ({ actor, params }) => {
  await revokeInvitation(actor, { invitationId: param(params, "id") });
  return noContent();
});
