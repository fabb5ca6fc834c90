import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import { NodeExecutionError, type LlmPort, type LlmRequest, type LlmResult } from "@/lib/engine/types";
import { chatWithTools } from "@/lib/llm/chat-with-tools";
import { createOutboundPolicy, OutboundError } from "@/lib/outbound/outbound-policy";
import { createAnthropicClient, createOpenAiClient } from "@/lib/llm/create-sdk-client";

export type LlmEndpoints = {
  /** Operator configuration (ANTHROPIC_BASE_URL / OPENAI_BASE_URL): trusted, reached directly. */
  anthropicBaseUrl?: string;
  openaiBaseUrl?: string;
  /** AGENTRY_HTTP_ALLOW: what user-chosen base URLs may reach besides public addresses. */
  allow?: string;
};

/**
 * Agent nodes' access to models: Anthropic Messages and OpenAI Chat Completions through their
 * official SDKs, streaming deltas as they arrive. OpenAI-compatible servers (Ollama, vLLM …) use
 * the OpenAI SDK with the node's base URL. The provider defaults and the operator's base URLs
 * are trusted; a base URL chosen by a user (node or credential) is reached only through the
 * outbound policy's fetch (address checked after DNS and on every redirect, AGENTRY_HTTP_ALLOW),
 * and errors from it are classified, never echoed.
 */
export function createLlmPort(endpoints: LlmEndpoints = {}): LlmPort {
  return {
    async complete(request, onToken, signal) {
      const target = resolveTarget(request, endpoints);
      try {
        return request.provider === "anthropic" ? await viaAnthropic(request, target, onToken, signal) : await viaOpenAi(request, target, onToken, signal);
      } catch (error) {
        if (error instanceof NodeExecutionError) throw error;
        throw toNodeError(error, target);
      }
    },
    // Agent turns with tools (chat-with-tools.ts): the same targets and error classification.
    async chat(request, onToken, signal) {
      const target = resolveTarget(request, endpoints);
      try {
        return await chatWithTools(request, target, onToken, signal);
      } catch (error) {
        if (error instanceof NodeExecutionError) throw error;
        throw toNodeError(error, target);
      }
    },
  };
}

/** Where a model call goes; a user-chosen base URL is untrusted and reached through the outbound policy. */
export type Target = { baseURL?: string; trusted: boolean; fetch?: typeof fetch };

/**
 * Every model call (completion, tool-calling turn, credential check …) builds its SDK client from
 * this, so all of them decide trust the same way. Also used by checkLlmConnection.
 */
export function resolveTarget(request: Pick<LlmRequest, "provider" | "baseUrl">, endpoints: LlmEndpoints): Target {
  if (request.baseUrl) {
    const policy = createOutboundPolicy({ allow: endpoints.allow });
    policy.assertAllowedUrl(request.baseUrl);
    return { baseURL: request.baseUrl, trusted: false, fetch: policy.fetch };
  }
  if (request.provider === "anthropic") return { baseURL: endpoints.anthropicBaseUrl, trusted: true };
  if (request.provider === "openai") return { baseURL: endpoints.openaiBaseUrl, trusted: true };
  throw new NodeExecutionError("An OpenAI-compatible agent needs a base URL, e.g. http://localhost:11434/v1 for Ollama.");
}

async function viaAnthropic(request: LlmRequest, target: Target, onToken: (delta: string) => void, signal?: AbortSignal): Promise<LlmResult> {
  const client = createAnthropicClient(request.apiKey, target);
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

async function viaOpenAi(request: LlmRequest, target: Target, onToken: (delta: string) => void, signal?: AbortSignal): Promise<LlmResult> {
  const client = createOpenAiClient(request.apiKey, target);
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

const STATUS_HINTS: Record<number, string> = {
  400: "the server rejected the request; check the model name and the parameters",
  401: "the key was refused; check the credential",
  403: "the key may not use this model or endpoint",
  404: "not found; check the model name and the base URL",
  408: "the server timed out",
  409: "conflict; try again",
  413: "the request is too large",
  422: "the server could not process the request; check the parameters",
  429: "rate limited or out of quota; try again later",
};

/**
 * A short, classified message. The answer of a user-chosen server is never echoed (it could be
 * any server's content); the trusted providers' own error message is kept, shortened.
 */
export function toNodeError(error: unknown, target: Target): NodeExecutionError {
  for (let cause: unknown = error; cause; cause = (cause as { cause?: unknown }).cause) {
    if (cause instanceof OutboundError) return new NodeExecutionError(cause.message, cause.retryable, { cause: error });
    if (cause === (cause as { cause?: unknown }).cause) break;
  }
  // The SDKs' error classes all report name "Error": tell them apart by class.
  const name = (error as { name?: string })?.name ?? "";
  const status = (error as { status?: number }).status;
  const where = target.baseURL ? ` at ${safeOrigin(target.baseURL)}` : "";
  if (error instanceof OpenAI.APIUserAbortError || error instanceof Anthropic.APIUserAbortError || name === "AbortError") return new NodeExecutionError("The model call was cancelled.", false, { cause: error });
  if (error instanceof OpenAI.APIConnectionTimeoutError || error instanceof Anthropic.APIConnectionTimeoutError) return new NodeExecutionError(`The model server${where} did not answer in time.`, true, { cause: error });
  if (error instanceof OpenAI.APIConnectionError || error instanceof Anthropic.APIConnectionError) return new NodeExecutionError(`Could not reach the model server${where}.`, true, { cause: error });
  // Rate limits, overload and server errors are worth retrying; bad requests and auth are not.
  const retryable = status === undefined || status === 408 || status === 409 || status === 429 || status >= 500;
  const hint = status === undefined ? "the answer could not be used" : (STATUS_HINTS[status] ?? (status >= 500 ? "the model server had an error; try again" : "the request was refused"));
  const detail = target.trusted ? providerMessage(error) : undefined;
  return new NodeExecutionError(`The model call failed${status ? ` (${status})` : ""}: ${hint}${detail ? ` (${detail})` : ""}.`, retryable, { cause: error });
}

/** The provider's own one-line error message (trusted endpoints only), at most 200 characters. */
function providerMessage(error: unknown): string | undefined {
  const body = (error as { error?: { message?: unknown; error?: { message?: unknown } } }).error;
  const message = body?.error?.message ?? body?.message;
  if (typeof message !== "string" || !message.trim()) return undefined;
  const line = message.replace(/\s+/g, " ").trim();
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

function safeOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return "the configured URL";
  }
}
