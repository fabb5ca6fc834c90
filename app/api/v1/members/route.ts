import { json, route } from "@/lib/http/route";
import { listMembers } from "@/lib/members/list-members";

export const GET = route({ auth: { role: "viewer" } }, async ({ actor }) => json({ items: await listMembers(actor) }));
