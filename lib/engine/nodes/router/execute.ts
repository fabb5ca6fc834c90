import { compare } from "@/lib/engine/compare";
import type { NodeDefinition } from "@/lib/engine/types";
import { routerConfigSchema, type RouterConfig } from "./schema";

/** Continues on the first route whose rule matches, else on "default". */
export const routerNode: NodeDefinition<RouterConfig> = {
  type: "logic.router",
  category: "logic",
  label: "Router",
  description: "Sends the run down the first matching route, or the default one.",
  configSchema: routerConfigSchema,
  outputs: (config) => [...config.routes.map((route) => route.handle), "default"],
  pure: true,
  async execute({ config }) {
    const route = config.routes.find((candidate) => compare(candidate.left, candidate.operator, candidate.right));
    return { output: { route: route?.handle ?? "default" }, branches: [route?.handle ?? "default"] };
  },
};
