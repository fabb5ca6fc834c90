import { json, param, route } from "@/lib/http/route";
import { listWorkflowVersions } from "@/lib/workflows/list-workflow-versions";

export const GET = route({ auth: { role: "viewer" } }, async ({ actor, params }) => json({ items: await listWorkflowVersions(actor, { workflowId: param(params, "id") }) }));
