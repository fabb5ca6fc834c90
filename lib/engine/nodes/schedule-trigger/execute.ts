import { triggerOutput } from "@/lib/engine/nodes/trigger-output";
import type { NodeDefinition } from "@/lib/engine/types";
import { scheduleTriggerConfigSchema, type ScheduleTriggerConfig } from "./schema";

/** Entry point for scheduled runs: outputs the scheduled time. */
export const scheduleTriggerNode: NodeDefinition<ScheduleTriggerConfig> = {
  type: "trigger.schedule",
  category: "trigger",
  label: "Schedule trigger",
  description: "Starts the workflow on a cron schedule in a time zone.",
  configSchema: scheduleTriggerConfigSchema,
  outputs: ["out"],
  pure: true,
  execute: triggerOutput,
};
