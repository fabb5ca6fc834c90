import { startExecution } from "@/lib/executions/start-execution";
import { json, param, route } from "@/lib/http/route";
import { startExecutionSchema } from "@/lib/schemas/execution";

// `input` is the run's data, stored as given (NUL and lone surrogates as U+FFFD); the rest is text.
export const POST = route({ auth: { role: "editor" }, body: startExecutionSchema, jsonData: ["input"] }, async ({ actor, params, body }) => {
  const execution = await startExecution(actor, { ...body, workflowId: param(params, "id") });
  return json({ id: execution.id, status: execution.status, eventsUrl: `/api/v1/executions/${execution.id}/events` }, { status: 202 });
});
