import { decideApproval } from "@/lib/executions/decide-approval";
import { json, param, route } from "@/lib/http/route";
import { approvalDecisionSchema } from "@/lib/schemas/execution";

export const POST = route({ auth: { role: "editor" }, body: approvalDecisionSchema }, async ({ actor, params, body }) =>
  json(await decideApproval(actor, { executionId: param(params, "id"), nodeId: param(params, "nodeId"), ...body })),
);
