import { json, param, requestOrigin, route } from "@/lib/http/route";
import { updateTriggerSchema } from "@/lib/schemas/trigger";
import { setTriggerEnabled } from "@/lib/triggers/set-trigger-enabled";

export const PATCH = route({ auth: { role: "editor" }, body: updateTriggerSchema }, async ({ actor, params, body, request }) =>
  json(await setTriggerEnabled(actor, { workflowId: param(params, "id"), triggerId: param(params, "triggerId"), enabled: body.enabled, baseUrl: requestOrigin(request) })),
);
