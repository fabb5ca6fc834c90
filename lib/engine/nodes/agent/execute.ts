import { NodeExecutionError, type NodeDefinition } from "@/lib/engine/types";
import { costOf } from "@/lib/engine/pricing";
import { agentConfigSchema, type AgentConfig } from "./schema";

/** Calls a language model with streaming; records tokens and cost from the price table. */
export const agentNode: NodeDefinition<AgentConfig> = {
  type: "ai.agent",
  category: "ai",
  label: "Agent",
  description: "Asks Anthropic, OpenAI or an OpenAI-compatible model; streams the answer.",
  configSchema: agentConfigSchema,
  outputs: ["out"],
  async execute({ config, services, emitToken, signal }) {
    if (!services.llm) throw new NodeExecutionError("Language models are not available in this runtime.");
    if (config.provider !== "openai-compatible" && !config.credentialId) {
      throw new NodeExecutionError(`Choose a ${config.provider === "anthropic" ? "Anthropic" : "OpenAI"} credential for this agent.`);
    }
    const apiKey = config.credentialId ? await services.resolveCredential?.(config.credentialId) : undefined;
    const result = await services.llm.complete(
      {
        provider: config.provider,
        model: config.model,
        system: config.system || undefined,
        prompt: String(config.prompt),
        temperature: config.temperature,
        maxTokens: config.maxTokens,
        apiKey,
        baseUrl: config.baseUrl,
      },
      emitToken,
      signal,
    );
    const costUsd = costOf(result.model, result.usage);
    return { output: { text: result.text, model: result.model }, usage: { ...result.usage, costUsd, model: result.model } };
  },
};
