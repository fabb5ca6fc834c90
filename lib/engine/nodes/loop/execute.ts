import { NodeExecutionError, type NodeDefinition } from "@/lib/engine/types";
import { LOOP_BODY, LOOP_DONE, loopConfigSchema, type LoopConfig } from "./schema";

/**
 * Map over a list: the nodes on the "body" handle run once per item ({{ item }}, {{ index }})
 * and connect back to the loop; "done" continues with the collected results. The scheduler runs
 * the body; this only checks the list.
 */
export const loopNode: NodeDefinition<LoopConfig> = {
  type: "flow.loop",
  category: "flow",
  label: "Loop / map",
  description: "Runs the connected body once per item of a list and collects the results.",
  configSchema: loopConfigSchema,
  outputs: [LOOP_BODY, LOOP_DONE],
  async execute({ config }) {
    const items: unknown = config.items;
    if (!Array.isArray(items)) throw new NodeExecutionError(`The loop needs a list; got ${items === null ? "null" : typeof items}.`);
    if (items.length > config.maxIterations) {
      throw new NodeExecutionError(`The list has ${items.length} items, more than the loop's limit of ${config.maxIterations}.`);
    }
    return { output: items, branches: [LOOP_BODY] };
  },
};
