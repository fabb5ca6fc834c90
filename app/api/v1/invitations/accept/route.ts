import { json, route } from "@/lib/http/route";
import { acceptInvitation } from "@/lib/invitations/accept-invitation";
import { acceptInvitationSchema } from "@/lib/schemas/workspace";

export const POST = route({ auth: "user", body: acceptInvitationSchema }, async ({ user, body }) =>
  json(await acceptInvitation({ token: body.token, user })),
);
