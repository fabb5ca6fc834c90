import type { NodeDefinition } from "@/lib/engine/types";
import { outputConfigSchema, type OutputConfig } from "./schema";

/** Declares part of the workflow's result: the execution output is `{ [name]: value }`. */
export const outputNode: NodeDefinition<OutputConfig> = {
  type: "flow.output",
  category: "flow",
  label: "Output",
  description: "Sets a named value of the workflow's result.",
  configSchema: outputConfigSchema,
  outputs: [],
  pure: true,
  async execute({ config }) {
    return { output: config.value };
  },
};
