import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import { NodeExecutionError, type LlmPort, type LlmRequest, type LlmResult } from "@/lib/engine/types";

export type LlmEndpoints = { anthropicBaseUrl?: string; openaiBaseUrl?: string };

/**
 * Agent nodes' access to models: Anthropic Messages and OpenAI Chat Completions through their
 * official SDKs, streaming deltas as they arrive. OpenAI-compatible servers (Ollama, vLLM …) use
 * the OpenAI SDK with the node's base URL. Base URLs can be overridden (tests, proxies).
 */
export function createLlmPort(endpoints: LlmEndpoints = {}): LlmPort {
  return {
    async complete(request, onToken, signal) {
      try {
        return request.provider === "anthropic" ? await viaAnthropic(request, endpoints, onToken, signal) : await viaOpenAi(request, endpoints, onToken, signal);
      } catch (error) {
        if (error instanceof NodeExecutionError) throw error;
        throw toNodeError(error);
      }
    },
  };
}

async function viaAnthropic(request: LlmRequest, endpoints: LlmEndpoints, onToken: (delta: string) => void, signal?: AbortSignal): Promise<LlmResult> {
  const client = new Anthropic({ apiKey: request.apiKey, baseURL: request.baseUrl ?? endpoints.anthropicBaseUrl, maxRetries: 1 });
  const stream = client.messages.stream(
    {
      model: request.model,
      max_tokens: request.maxTokens,
      temperature: request.temperature,
      ...(request.system ? { system: request.system } : {}),
      messages: [{ role: "user", content: request.prompt }],
    },
    { signal },
  );
  stream.on("text", (delta) => onToken(delta));
  const message = await stream.finalMessage();
  const text = message.content.map((block) => (block.type === "text" ? block.text : "")).join("");
  return { text, model: message.model, usage: { inputTokens: message.usage.input_tokens, outputTokens: message.usage.output_tokens } };
}

async function viaOpenAi(request: LlmRequest, endpoints: LlmEndpoints, onToken: (delta: string) => void, signal?: AbortSignal): Promise<LlmResult> {
  const baseURL = request.baseUrl ?? (request.provider === "openai" ? endpoints.openaiBaseUrl : undefined);
  if (request.provider === "openai-compatible" && !baseURL) throw new NodeExecutionError("An OpenAI-compatible agent needs a base URL, e.g. http://localhost:11434/v1 for Ollama.");
  // Local servers accept any key; the SDK insists on one.
  const client = new OpenAI({ apiKey: request.apiKey ?? "not-needed", baseURL, maxRetries: 1 });
  const stream = await client.chat.completions.create(
    {
      model: request.model,
      max_tokens: request.maxTokens,
      temperature: request.temperature,
      stream: true,
      stream_options: { include_usage: true },
      messages: [...(request.system ? [{ role: "system" as const, content: request.system }] : []), { role: "user" as const, content: request.prompt }],
    },
    { signal },
  );
  let text = "";
  let model = request.model;
  let usage = { inputTokens: 0, outputTokens: 0 };
  for await (const chunk of stream) {
    model = chunk.model || model;
    const delta = chunk.choices[0]?.delta?.content;
    if (delta) {
      text += delta;
      onToken(delta);
    }
    if (chunk.usage) usage = { inputTokens: chunk.usage.prompt_tokens, outputTokens: chunk.usage.completion_tokens };
  }
  return { text, model, usage };
}

function toNodeError(error: unknown): NodeExecutionError {
  const status = (error as { status?: number }).status;
  const message = error instanceof Error ? error.message : String(error);
  // Rate limits, overload and server errors are worth retrying; bad requests and auth are not.
  const retryable = status === undefined || status === 408 || status === 409 || status === 429 || status >= 500;
  return new NodeExecutionError(`The model call failed${status ? ` (${status})` : ""}: ${message}`, retryable, { cause: error });
}
