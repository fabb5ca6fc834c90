import { json, route } from "@/lib/http/route";
import { createWorkflowSchema, listQuerySchema } from "@/lib/schemas/workflow";
import { createWorkflow } from "@/lib/workflows/create-workflow";
import { listWorkflows } from "@/lib/workflows/list-workflows";

export const GET = route({ auth: { role: "viewer" }, query: listQuerySchema }, async ({ actor, query }) => json(await listWorkflows(actor, query)));

export const POST = route({ auth: { role: "editor" }, body: createWorkflowSchema }, async ({ actor, body }) =>
  json(await createWorkflow(actor, body), { status: 201 }),
);
