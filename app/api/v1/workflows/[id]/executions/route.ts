import { startExecution } from "@/lib/executions/start-execution";
import { json, param, route } from "@/lib/http/route";
import { startExecutionSchema } from "@/lib/schemas/execution";

export const POST = route({ auth: { role: "editor" }, body: startExecutionSchema }, async ({ actor, params, body }) => {
  const execution = await startExecution(actor, { ...body, workflowId: param(params, "id") });
  return json({ id: execution.id, status: execution.status, eventsUrl: `/api/v1/executions/${execution.id}/events` }, { status: 202 });
});
