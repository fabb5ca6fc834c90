import { NodeExecutionError, type NodeDefinition } from "@/lib/engine/types";
import { costOf } from "@/lib/engine/pricing";
import { runAgentLoop } from "./run-agent-loop";
import { agentConfigSchema, type AgentConfig } from "./schema";

/**
 * An agent: a model that may call tools (built-in node kinds, workflows, MCP servers) in a loop
 * until it answers, each turn and each tool call a durable step (run-agent-loop.ts); optional
 * structured answer and conversation memory. Streams the text; tokens and cost from the price table.
 */
export const agentNode: NodeDefinition<AgentConfig> = {
  type: "ai.agent",
  category: "ai",
  label: "Agent",
  description: "A model (Anthropic, OpenAI or OpenAI-compatible) that can call tools and MCP servers until it answers; streams the answer.",
  configSchema: agentConfigSchema,
  outputs: ["out"],
  stepwise: true,
  async execute(context) {
    const { config, services, emitToken, signal, step, key } = context;
    if (!services.llm) throw new NodeExecutionError("Language models are not available in this runtime.");
    if (config.provider !== "openai-compatible" && !config.credentialId) {
      throw new NodeExecutionError(`Choose a ${config.provider === "anthropic" ? "Anthropic" : "OpenAI"} credential for this agent.`);
    }
    // The node's own base URL wins over the credential's (both are user-chosen: the LlmPort
    // reaches either only through the outbound policy).
    const credential: { apiKey?: string; baseUrl?: string } = !config.credentialId
      ? {}
      : services.resolveModelCredential
        ? await services.resolveModelCredential(config.credentialId)
        : { apiKey: (await services.resolveCredential?.(config.credentialId)) || undefined };
    const connection = { apiKey: credential.apiKey, baseUrl: config.baseUrl || credential.baseUrl };
    if (services.llm.chat) return runAgentLoop(context, connection);

    // A model port without tool calling (older test doubles): one completion, as one step.
    if (config.tools.length || config.outputSchema) throw new NodeExecutionError("Tools and structured output need a model port with tool calling.");
    const result = await step.run(`${key}:turn:0`, async () => {
      const answer = await services.llm!.complete(
        { provider: config.provider, model: config.model, system: config.system || undefined, prompt: String(config.prompt), temperature: config.temperature, maxTokens: config.maxTokens, ...connection },
        emitToken,
        signal,
      );
      return { output: { text: answer.text, model: answer.model }, usage: { ...answer.usage, costUsd: costOf(answer.model, answer.usage), model: answer.model } };
    });
    return result;
  },
};
