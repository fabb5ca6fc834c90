import { AppError } from "@/lib/errors/app-error";
import { json, param, route } from "@/lib/http/route";
import { rollbackWorkflow } from "@/lib/workflows/rollback-workflow";

export const POST = route({ auth: { role: "editor" } }, async ({ actor, params }) => {
  const version = Number(param(params, "version"));
  if (!Number.isInteger(version) || version < 1) throw new AppError("not_found", "Version not found.");
  return json(await rollbackWorkflow(actor, { workflowId: param(params, "id"), version }));
});
