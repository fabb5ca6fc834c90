import { z } from "zod";

export const agentConfigSchema = z.object({
  provider: z.enum(["anthropic", "openai", "openai-compatible"]),
  model: z.string().min(1, "Choose a model"),
  credentialId: z.string().optional(),
  /** For OpenAI-compatible servers (Ollama, vLLM, LM Studio …). */
  baseUrl: z.string().url().optional(),
  system: z.string().default(""),
  prompt: z.string().min(1, "Write the prompt"),
  temperature: z.number().min(0).max(2).default(0.7),
  maxTokens: z.number().int().min(1).max(64_000).default(1024),
});
export type AgentConfig = z.infer<typeof agentConfigSchema>;
