import { cancelExecution } from "@/lib/executions/cancel-execution";
import { json, param, route } from "@/lib/http/route";

export const POST = route({ auth: { role: "editor" } }, async ({ actor, params }) => json(await cancelExecution(actor, { executionId: param(params, "id") }), { status: 202 }));
