import { z } from "zod";

export const webhookTriggerConfigSchema = z.object({
  method: z.enum(["POST", "GET", "PUT"]).default("POST"),
});
export type WebhookTriggerConfig = z.infer<typeof webhookTriggerConfigSchema>;
