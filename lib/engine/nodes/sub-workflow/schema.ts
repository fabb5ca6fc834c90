import { z } from "zod";

export const subWorkflowConfigSchema = z.object({
  workflowId: z.string().min(1, "Choose a workflow"),
  input: z.string().default("{{ prev }}"),
});
export type SubWorkflowConfig = z.infer<typeof subWorkflowConfigSchema>;
