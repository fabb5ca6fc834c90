import type { NodeDefinition } from "@/lib/engine/types";
import { mergeConfigSchema, type MergeConfig } from "./schema";

/** Waits for every incoming branch to finish or be skipped, then combines what arrived. */
export const mergeNode: NodeDefinition<MergeConfig> = {
  type: "flow.merge",
  category: "flow",
  label: "Merge",
  description: "Joins parallel branches: an object keyed by node id, or an array.",
  configSchema: mergeConfigSchema,
  outputs: ["out"],
  pure: true,
  async execute({ config, inputs }) {
    return { output: config.mode === "array" ? Object.values(inputs) : inputs };
  },
};
