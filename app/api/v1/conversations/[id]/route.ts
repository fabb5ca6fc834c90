import { deleteConversation } from "@/lib/conversations/delete-conversation";
import { getConversation } from "@/lib/conversations/get-conversation";
import { json, noContent, param, route } from "@/lib/http/route";

export const GET = route({ auth: { role: "viewer" } }, async ({ actor, params }) => json(await getConversation(actor, { conversationId: param(params, "id") })));

export const DELETE = route({ auth: { role: "editor" } }, async ({ actor, params }) => {
  await deleteConversation(actor, { conversationId: param(params, "id") });
  return noContent();
});
