import { getExecution } from "@/lib/executions/get-execution";
import { json, param, route } from "@/lib/http/route";

export const GET = route({ auth: { role: "viewer" } }, async ({ actor, params }) => json(await getExecution(actor, { executionId: param(params, "id") })));
