import { z } from "zod";
import { NODE_REGISTRY, type NodeRegistry } from "@/lib/engine/registry";

/** The node palette: each type with its config as JSON Schema (forms are generated from it). */
export function nodeCatalog(registry: NodeRegistry = NODE_REGISTRY) {
  return [...registry.values()].map((definition) => ({
    type: definition.type,
    category: definition.category,
    label: definition.label,
    description: definition.description,
    outputs: typeof definition.outputs === "function" ? "dynamic" : definition.outputs,
    // Retry on fail runs inside the node's one step; nodes that drive their own steps are retried by the driver.
    retriesInStep: definition.category !== "trigger" && !definition.durable && !definition.stepwise,
    // Round-tripped through JSON: plain data, as pages hand it to client components.
    configSchema: JSON.parse(JSON.stringify(z.toJSONSchema(definition.configSchema as z.ZodType, { io: "input", unrepresentable: "any" }))) as Record<string, unknown>,
  }));
}
