import { json, param, requestOrigin, route } from "@/lib/http/route";
import { listTriggers } from "@/lib/triggers/list-triggers";

export const GET = route({ auth: { role: "editor" } }, async ({ actor, params, request }) =>
  json({ items: await listTriggers(actor, { workflowId: param(params, "id"), baseUrl: requestOrigin(request) }) }),
);
