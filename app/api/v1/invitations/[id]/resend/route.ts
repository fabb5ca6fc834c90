import { json, param, requestOrigin, route } from "@/lib/http/route";
import { resendInvitation } from "@/lib/invitations/resend-invitation";

export const POST = route({ auth: { role: "admin" } }, async ({ actor, params, request }) =>
  json(await resendInvitation(actor, { invitationId: param(params, "id"), baseUrl: requestOrigin(request) })),
);
