import { replayExecution } from "@/lib/executions/replay-execution";
import { json, param, route } from "@/lib/http/route";
import { replayExecutionSchema } from "@/lib/schemas/replay";

export const POST = route({ auth: { role: "editor" }, body: replayExecutionSchema }, async ({ actor, params, body }) => {
  const execution = await replayExecution(actor, { executionId: param(params, "id"), fromNodeId: body.fromNodeId });
  return json({ ...execution, eventsUrl: `/api/v1/executions/${execution.id}/events` }, { status: 202 });
});
