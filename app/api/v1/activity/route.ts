import { z } from "zod";
import { listActivity } from "@/lib/activity/list-activity";
import { json, route } from "@/lib/http/route";
import { listQuerySchema } from "@/lib/schemas/workflow";

const activityQuerySchema = listQuerySchema.extend({ action: z.string().max(100).optional() });

export const GET = route({ auth: { role: "admin" }, query: activityQuerySchema }, async ({ actor, query }) => json(await listActivity(actor, query)));
