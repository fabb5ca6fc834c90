import { z } from "zod";
import { json, param, route } from "@/lib/http/route";
import { publishWorkflow } from "@/lib/workflows/publish-workflow";

const publishSchema = z.object({ note: z.string().max(500).default("") }).default({ note: "" });

export const POST = route({ auth: { role: "editor" }, body: publishSchema }, async ({ actor, params, body }) =>
  json(await publishWorkflow(actor, { workflowId: param(params, "id"), note: body.note }), { status: 201 }),
);
