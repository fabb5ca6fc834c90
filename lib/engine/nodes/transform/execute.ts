import type { NodeDefinition } from "@/lib/engine/types";
import { transformConfigSchema, type TransformConfig } from "./schema";

/** Builds an object (or a text) from expressions over earlier outputs. */
export const transformNode: NodeDefinition<TransformConfig> = {
  type: "data.transform",
  category: "data",
  label: "Transform",
  description: "Shapes data: map fields with {{ expressions }} or render a text template.",
  configSchema: transformConfigSchema,
  outputs: ["out"],
  pure: true,
  async execute({ config }) {
    return { output: config.mode === "fields" ? config.fields : config.template };
  },
};
