import { getAnalyticsSummary } from "@/lib/analytics/get-analytics-summary";
import { json, route } from "@/lib/http/route";
import { analyticsQuerySchema } from "@/lib/schemas/analytics";

export const GET = route({ auth: { role: "viewer" }, query: analyticsQuerySchema }, async ({ actor, query }) => json(await getAnalyticsSummary(actor, query)));
