import { NodeExecutionError, type NodeDefinition } from "@/lib/engine/types";
import { subWorkflowConfigSchema, type SubWorkflowConfig } from "./schema";

/** Runs another workflow of the workspace (its published version) and outputs its result. */
export const subWorkflowNode: NodeDefinition<SubWorkflowConfig> = {
  type: "flow.sub-workflow",
  category: "flow",
  label: "Sub-workflow",
  description: "Runs another workflow with an input and waits for its output.",
  configSchema: subWorkflowConfigSchema,
  outputs: ["out"],
  // Outside a step, so that a driver can run the child as its own sub-run (Inngest: step.invoke)
  // instead of a step waiting for it; the service makes the steps.
  stepwise: true,
  async execute({ config, services, key, signal, step }) {
    if (!services.runSubWorkflow) throw new NodeExecutionError("Sub-workflows are not available in this runtime.");
    return { output: await services.runSubWorkflow(String(config.workflowId), config.input, { key, signal, step }) };
  },
};
