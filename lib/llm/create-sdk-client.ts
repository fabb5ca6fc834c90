import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import type { Target } from "@/lib/llm/create-llm-port";

/**
 * The official SDK clients for a resolved target: its base URL and, for user-chosen servers, the
 * outbound policy's fetch. One retry; local OpenAI-compatible servers take any key, but the SDK
 * insists on one.
 */
export function createAnthropicClient(apiKey: string | undefined, target: Target): Anthropic {
  return new Anthropic({ apiKey, baseURL: target.baseURL, maxRetries: 1, ...(target.fetch ? { fetch: target.fetch } : {}) });
}

export function createOpenAiClient(apiKey: string | undefined, target: Target): OpenAI {
  return new OpenAI({ apiKey: apiKey || "not-needed", baseURL: target.baseURL, maxRetries: 1, ...(target.fetch ? { fetch: target.fetch } : {}) });
}
