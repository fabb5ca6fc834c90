import { retryExecution } from "@/lib/executions/retry-execution";
import { json, param, route } from "@/lib/http/route";

export const POST = route({ auth: { role: "editor" } }, async ({ actor, params }) => {
  const execution = await retryExecution(actor, { executionId: param(params, "id") });
  return json({ id: execution.id, status: execution.status, eventsUrl: `/api/v1/executions/${execution.id}/events` }, { status: 202 });
});
