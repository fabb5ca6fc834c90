import { json, noContent, param, route } from "@/lib/http/route";
import { updateWorkflowSchema } from "@/lib/schemas/workflow";
import { deleteWorkflow } from "@/lib/workflows/delete-workflow";
import { getWorkflow } from "@/lib/workflows/get-workflow";
import { updateWorkflow } from "@/lib/workflows/update-workflow";

export const GET = route({ auth: { role: "viewer" } }, async ({ actor, params }) => json(await getWorkflow(actor, { workflowId: param(params, "id") })));

export const PATCH = route({ auth: { role: "editor" }, body: updateWorkflowSchema }, async ({ actor, params, body }) =>
  json(await updateWorkflow(actor, { workflowId: param(params, "id"), changes: body })),
);

export const DELETE = route({ auth: { role: "editor" } }, async ({ actor, params }) => {
  await deleteWorkflow(actor, { workflowId: param(params, "id") });
  return noContent();
});
