import { triggerOutput } from "@/lib/engine/nodes/trigger-output";
import type { NodeDefinition } from "@/lib/engine/types";
import { webhookTriggerConfigSchema, type WebhookTriggerConfig } from "./schema";

/** Entry point for runs started by an HTTP call to the workflow's webhook URL: outputs the request. */
export const webhookTriggerNode: NodeDefinition<WebhookTriggerConfig> = {
  type: "trigger.webhook",
  category: "trigger",
  label: "Webhook trigger",
  description: "Starts the workflow when its webhook URL is called; outputs the request body and query.",
  configSchema: webhookTriggerConfigSchema,
  outputs: ["out"],
  pure: true,
  execute: triggerOutput,
};
