import { listExecutions } from "@/lib/executions/list-executions";
import { json, route } from "@/lib/http/route";
import { listExecutionsQuerySchema } from "@/lib/schemas/execution";

export const GET = route({ auth: { role: "viewer" }, query: listExecutionsQuerySchema }, async ({ actor, query }) => json(await listExecutions(actor, query)));
