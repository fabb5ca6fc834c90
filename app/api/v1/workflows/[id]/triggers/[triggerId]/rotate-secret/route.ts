import { json, param, requestOrigin, route } from "@/lib/http/route";
import { rotateTriggerSecret } from "@/lib/triggers/rotate-trigger-secret";

export const POST = route({ auth: { role: "editor" } }, async ({ actor, params, request }) =>
  json(await rotateTriggerSecret(actor, { workflowId: param(params, "id"), triggerId: param(params, "triggerId"), baseUrl: requestOrigin(request) })),
);
