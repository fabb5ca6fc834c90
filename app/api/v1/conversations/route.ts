import { listConversations } from "@/lib/conversations/list-conversations";
import { json, route } from "@/lib/http/route";
import { listQuerySchema } from "@/lib/schemas/workflow";

// Agents' memory: the workspace's conversations, most recently active first.
export const GET = route({ auth: { role: "viewer" }, query: listQuerySchema }, async ({ actor, query }) => json(await listConversations(actor, query)));
