import { NodeExecutionError, type NodeDefinition } from "@/lib/engine/types";
import { codeConfigSchema, type CodeConfig } from "./schema";

/** Runs JavaScript in an isolated sandbox (QuickJS, off the main thread) with time, memory and stack limits. */
export const codeNode: NodeDefinition<CodeConfig> = {
  type: "data.code",
  category: "data",
  label: "Code",
  description: "JavaScript in a sandbox: `return` a value computed from `input`.",
  configSchema: codeConfigSchema,
  outputs: ["out"],
  async execute({ config, services, inputs, signal }) {
    if (!services.code) throw new NodeExecutionError("Code execution is not available in this runtime.");
    const single = Object.keys(inputs).length === 1 ? Object.values(inputs)[0] : inputs;
    const output = await services.code.run(config.source, single, { timeoutMs: config.timeoutMs, memoryBytes: config.memoryMb * 1024 * 1024 }, signal);
    return { output };
  },
};
