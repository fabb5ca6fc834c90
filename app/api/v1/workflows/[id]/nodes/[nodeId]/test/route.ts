import { json, param, route } from "@/lib/http/route";
import { testWorkflowNodeSchema } from "@/lib/schemas/replay";
import { testWorkflowNode } from "@/lib/workflows/test-workflow-node";

// `inputs` and `input` are free JSON data (pinned node outputs, the run input); a test stores nothing.
export const POST = route({ auth: { role: "editor" }, body: testWorkflowNodeSchema, jsonData: ["inputs", "input"] }, async ({ actor, params, body, request }) => {
  const result = await testWorkflowNode(actor, { ...body, workflowId: param(params, "id"), nodeId: param(params, "nodeId"), signal: request.signal });
  return json(result);
});
