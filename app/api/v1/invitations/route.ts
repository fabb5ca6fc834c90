import { json, requestOrigin, route } from "@/lib/http/route";
import { createInvitation } from "@/lib/invitations/create-invitation";
import { listInvitations } from "@/lib/invitations/list-invitations";
import { createInvitationSchema } from "@/lib/schemas/workspace";

export const GET = route({ auth: { role: "admin" } }, async ({ actor }) => json({ items: await listInvitations(actor) }));

export const POST = route({ auth: { role: "admin" }, body: createInvitationSchema }, async ({ actor, body, request }) =>
  json(await createInvitation(actor, { ...body, baseUrl: requestOrigin(request) }), { status: 201 }),
);
