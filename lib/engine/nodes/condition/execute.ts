import { compare } from "@/lib/engine/compare";
import type { NodeDefinition } from "@/lib/engine/types";
import { conditionConfigSchema, type ConditionConfig } from "./schema";

/** Continues on the "true" or the "false" handle; the other branch is skipped. */
export const conditionNode: NodeDefinition<ConditionConfig> = {
  type: "logic.condition",
  category: "logic",
  label: "Condition",
  description: "If / else: compares two values and continues on true or false.",
  configSchema: conditionConfigSchema,
  outputs: ["true", "false"],
  pure: true,
  async execute({ config }) {
    const result = compare(config.left, config.operator, config.right);
    return { output: { result }, branches: [result ? "true" : "false"] };
  },
};
