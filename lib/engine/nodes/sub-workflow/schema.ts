import { z } from "zod";

export const subWorkflowConfigSchema = z.object({
  workflowId: z.string({ error: "Choose a workflow" }).min(1, "Choose a workflow").meta({ "x-widget": "workflow" }),
  input: z.string().default("{{ prev }}").meta({ "x-expression": true }),
});
export type SubWorkflowConfig = z.infer<typeof subWorkflowConfigSchema>;
