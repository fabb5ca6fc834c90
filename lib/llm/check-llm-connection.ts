import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import { NodeExecutionError } from "@/lib/engine/types";
import { resolveTarget, type LlmEndpoints } from "@/lib/llm/create-llm-port";
import { OutboundError } from "@/lib/outbound/outbound-policy";

export type LlmConnectionRequest = { provider: "anthropic" | "openai" | "openai-compatible"; apiKey?: string; baseUrl?: string };

export type LlmConnectionReason = "unauthorized" | "forbidden" | "not_found" | "rate_limited" | "server_error" | "refused" | "timeout" | "unreachable" | "blocked" | "invalid";
export type LlmConnectionResult = { ok: true; message: string; models: number } | { ok: false; reason: LlmConnectionReason; status?: number; message: string };

export const DEFAULT_CHECK_TIMEOUT_MS = 10_000;

/**
 * One cheap call to a model provider with a credential — listing models, which costs no tokens
 * — through the same SDKs and the same target rules as agent runs (createLlmPort): the provider
 * defaults and the operator's base URLs directly, a user-chosen base URL only through the
 * outbound policy. Never throws for the provider's answer: the result says what went wrong in
 * words a person can act on (401 key refused, 404 wrong base URL, timeout …), and never echoes
 * what the server sent.
 */
export async function checkLlmConnection(request: LlmConnectionRequest, endpoints: LlmEndpoints = {}, { timeoutMs = DEFAULT_CHECK_TIMEOUT_MS, signal }: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<LlmConnectionResult> {
  let where = "the model server";
  try {
    const target = resolveTarget(request, endpoints);
    where = target.baseURL ? originOf(target.baseURL) : request.provider === "anthropic" ? "Anthropic" : "OpenAI";
    const options = { baseURL: target.baseURL, maxRetries: 0, timeout: timeoutMs, ...(target.fetch ? { fetch: target.fetch } : {}) };
    let models: number;
    if (request.provider === "anthropic") {
      const client = new Anthropic({ apiKey: request.apiKey ?? null, ...options });
      models = (await client.models.list({ limit: 20 }, { signal })).data.length;
    } else {
      // Local servers accept any key; the SDK insists on one.
      const client = new OpenAI({ apiKey: request.apiKey || "not-needed", ...options });
      models = (await client.models.list({ signal })).data.length;
    }
    return { ok: true, models, message: `Connected to ${where}: the key works${models ? ` (${models} model${models === 1 ? "" : "s"} listed)` : ""}.` };
  } catch (error) {
    return describeFailure(error, where, timeoutMs);
  }
}

function describeFailure(error: unknown, where: string, timeoutMs: number): LlmConnectionResult {
  for (let cause: unknown = error; cause; cause = (cause as { cause?: unknown }).cause) {
    if (cause instanceof OutboundError) {
      const reason: LlmConnectionReason = cause.kind === "blocked" ? "blocked" : cause.kind === "timeout" ? "timeout" : cause.kind === "invalid_url" ? "invalid" : "unreachable";
      return { ok: false, reason, message: cause.message };
    }
    if (cause === (cause as { cause?: unknown }).cause) break;
  }
  if (error instanceof NodeExecutionError) return { ok: false, reason: "invalid", message: error.message };
  const status = (error as { status?: number }).status;
  const seconds = timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} s` : `${timeoutMs} ms`;
  // The SDKs' error classes keep name "Error": tell them apart by class.
  if (error instanceof OpenAI.APIConnectionTimeoutError || error instanceof Anthropic.APIConnectionTimeoutError) {
    return { ok: false, reason: "timeout", message: `No answer from ${where} within ${seconds}: check the base URL and that the server is running.` };
  }
  if (error instanceof OpenAI.APIConnectionError || error instanceof Anthropic.APIConnectionError || error instanceof OpenAI.APIUserAbortError || error instanceof Anthropic.APIUserAbortError) return { ok: false, reason: "unreachable", message: `Could not reach ${where}: check the base URL and that the server is running.` };
  if (status === 401) return { ok: false, reason: "unauthorized", status, message: `${where} refused the key (401): check that the secret is right and still active, then rotate it here.` };
  if (status === 403) return { ok: false, reason: "forbidden", status, message: `${where} accepted the key but refused access (403): check the key's permissions or project.` };
  if (status === 404) return { ok: false, reason: "not_found", status, message: `Nothing answered at ${where} (404): check the base URL — OpenAI-compatible servers usually end in /v1.` };
  if (status === 429) return { ok: false, reason: "rate_limited", status, message: `${where} is rate limiting this key or it is out of quota (429): try again later or check billing.` };
  if (status !== undefined && status >= 500) return { ok: false, reason: "server_error", status, message: `${where} had an error (${status}): try again later.` };
  if (status !== undefined) return { ok: false, reason: "refused", status, message: `${where} refused the request (${status}).` };
  return { ok: false, reason: "unreachable", message: `${where} did not answer like a model API: check the base URL.` };
}

function originOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname.replace(/\/$/, "")}`;
  } catch {
    return "the configured URL";
  }
}
