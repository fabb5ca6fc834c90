import type { NodeDefinition } from "@/lib/engine/types";
import { delayConfigSchema, type DelayConfig } from "./schema";

/** Waits durably (survives restarts: the wake-up time is part of the step state). */
export const delayNode: NodeDefinition<DelayConfig> = {
  type: "flow.delay",
  category: "flow",
  label: "Delay",
  description: "Pauses the run for a number of seconds.",
  configSchema: delayConfigSchema,
  outputs: ["out"],
  durable: true,
  async execute({ config, step, key, inputs }) {
    await step.sleep(`${key}:sleep`, config.seconds * 1000);
    return { output: Object.values(inputs)[0] ?? null };
  },
};
