import { triggerOutput } from "@/lib/engine/nodes/trigger-output";
import type { NodeDefinition } from "@/lib/engine/types";
import { manualTriggerConfigSchema, type ManualTriggerConfig } from "./schema";

/** Entry point for runs started by hand or through the API: outputs the execution input. */
export const manualTriggerNode: NodeDefinition<ManualTriggerConfig> = {
  type: "trigger.manual",
  category: "trigger",
  label: "Manual / API trigger",
  description: "Starts the workflow from the editor or the REST API with an input object.",
  configSchema: manualTriggerConfigSchema,
  outputs: ["out"],
  pure: true,
  execute: triggerOutput,
};
