import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import { FINAL_ANSWER_TOOL, type ChatMessage, type ChatRequest, type ChatResult, type ToolCall } from "@/lib/engine/types";
import type { Target } from "@/lib/llm/create-llm-port";
import { createAnthropicClient, createOpenAiClient } from "@/lib/llm/create-sdk-client";

/**
 * One model turn of an agent conversation through the official SDKs, streamed: Anthropic
 * Messages (`tool_use` / `tool_result` blocks) or OpenAI Chat Completions (`tool_calls` and
 * `role: "tool"` messages; OpenAI-compatible servers too). A structured answer is OpenAI's
 * `response_format: json_schema`, or for Anthropic a tool it must call (`final_answer`) whose
 * input is the answer. Errors are left to the caller to classify (createLlmPort).
 */
export async function chatWithTools(request: ChatRequest, target: Target, onToken: (delta: string) => void, signal?: AbortSignal): Promise<ChatResult> {
  return request.provider === "anthropic" ? chatViaAnthropic(request, target, onToken, signal) : chatViaOpenAi(request, target, onToken, signal);
}

async function chatViaAnthropic(request: ChatRequest, target: Target, onToken: (delta: string) => void, signal?: AbortSignal): Promise<ChatResult> {
  const client = createAnthropicClient(request.apiKey, target);
  const tools: Anthropic.Tool[] = request.tools.map((tool) => ({ name: tool.name, description: tool.description, input_schema: tool.inputSchema as Anthropic.Tool.InputSchema }));
  if (request.responseSchema) {
    tools.push({ name: FINAL_ANSWER_TOOL, description: "Give your final answer by calling this tool; its input is the answer.", input_schema: request.responseSchema as Anthropic.Tool.InputSchema });
  }
  const stream = client.messages.stream(
    {
      model: request.model,
      max_tokens: request.maxTokens,
      temperature: request.temperature,
      ...(request.system ? { system: request.system } : {}),
      messages: toAnthropicMessages(request.messages),
      ...(tools.length ? { tools } : {}),
      // With a schema the model must end by calling final_answer (or, with other tools, some tool).
      ...(request.responseSchema ? { tool_choice: request.tools.length ? { type: "any" as const } : { type: "tool" as const, name: FINAL_ANSWER_TOOL } } : {}),
    },
    { signal },
  );
  stream.on("text", (delta) => onToken(delta));
  const message = await stream.finalMessage();
  const text = message.content.map((block) => (block.type === "text" ? block.text : "")).join("");
  const toolCalls: ToolCall[] = message.content.flatMap((block) => (block.type === "tool_use" ? [{ id: block.id, name: block.name, arguments: block.input }] : []));
  const stopReason = message.stop_reason === "tool_use" ? "tool_calls" : message.stop_reason === "max_tokens" ? "max_tokens" : message.stop_reason === "end_turn" || message.stop_reason === "stop_sequence" ? "end" : "other";
  return { text, toolCalls, stopReason, model: message.model, usage: { inputTokens: message.usage.input_tokens, outputTokens: message.usage.output_tokens } };
}

function toAnthropicMessages(messages: ChatMessage[]): Anthropic.MessageParam[] {
  const result: Anthropic.MessageParam[] = [];
  const push = (role: "user" | "assistant", blocks: Anthropic.ContentBlockParam[]) => {
    const last = result.at(-1);
    // Anthropic wants roles to alternate: consecutive user blocks (tool results, then feedback) join.
    if (last?.role === role && Array.isArray(last.content)) last.content.push(...blocks);
    else result.push({ role, content: blocks });
  };
  for (const message of messages) {
    if (message.role === "user") push("user", [{ type: "text", text: message.content || " " }]);
    else if (message.role === "assistant") {
      const blocks: Anthropic.ContentBlockParam[] = message.text ? [{ type: "text", text: message.text }] : [];
      // Arguments that were not JSON go back as an empty object; the tool result says what was wrong.
      for (const call of message.toolCalls) blocks.push({ type: "tool_use", id: call.id, name: call.name, input: isObject(call.arguments) ? call.arguments : {} });
      push("assistant", blocks.length ? blocks : [{ type: "text", text: " " }]);
    } else {
      push("user", message.results.map((entry) => ({ type: "tool_result", tool_use_id: entry.callId, content: entry.content, ...(entry.isError ? { is_error: true } : {}) })));
    }
  }
  return result;
}

async function chatViaOpenAi(request: ChatRequest, target: Target, onToken: (delta: string) => void, signal?: AbortSignal): Promise<ChatResult> {
  const client = createOpenAiClient(request.apiKey, target);
  const stream = await client.chat.completions.create(
    {
      model: request.model,
      max_tokens: request.maxTokens,
      temperature: request.temperature,
      stream: true,
      stream_options: { include_usage: true },
      messages: toOpenAiMessages(request),
      ...(request.tools.length ? { tools: request.tools.map((tool) => ({ type: "function" as const, function: { name: tool.name, description: tool.description, parameters: tool.inputSchema } })) } : {}),
      ...(request.responseSchema ? { response_format: { type: "json_schema" as const, json_schema: { name: "answer", schema: request.responseSchema } } } : {}),
    },
    { signal },
  );
  let text = "";
  let model = request.model;
  let finishReason: string | null = null;
  let usage = { inputTokens: 0, outputTokens: 0 };
  // Tool calls arrive in pieces under their index: id and name first, then argument text.
  const calls = new Map<number, { id: string; name: string; arguments: string }>();
  for await (const chunk of stream) {
    model = chunk.model || model;
    const choice = chunk.choices[0];
    if (choice?.delta?.content) {
      text += choice.delta.content;
      onToken(choice.delta.content);
    }
    for (const piece of choice?.delta?.tool_calls ?? []) {
      const call = calls.get(piece.index) ?? { id: "", name: "", arguments: "" };
      if (piece.id) call.id = piece.id;
      if (piece.function?.name) call.name += piece.function.name;
      if (piece.function?.arguments) call.arguments += piece.function.arguments;
      calls.set(piece.index, call);
    }
    if (choice?.finish_reason) finishReason = choice.finish_reason;
    if (chunk.usage) usage = { inputTokens: chunk.usage.prompt_tokens, outputTokens: chunk.usage.completion_tokens };
  }
  const toolCalls = [...calls.entries()].sort(([a], [b]) => a - b).map(([index, call]) => parseOpenAiCall(call, index));
  const stopReason = toolCalls.length || finishReason === "tool_calls" ? "tool_calls" : finishReason === "length" ? "max_tokens" : finishReason === "stop" ? "end" : "other";
  return { text, toolCalls, stopReason, model, usage };
}

function parseOpenAiCall(call: { id: string; name: string; arguments: string }, index: number): ToolCall {
  const id = call.id || `call_${index}`;
  try {
    return { id, name: call.name, arguments: call.arguments.trim() ? JSON.parse(call.arguments) : {} };
  } catch {
    return { id, name: call.name, arguments: null, rawArguments: call.arguments };
  }
}

function toOpenAiMessages(request: ChatRequest): OpenAI.Chat.ChatCompletionMessageParam[] {
  const result: OpenAI.Chat.ChatCompletionMessageParam[] = request.system ? [{ role: "system", content: request.system }] : [];
  for (const message of request.messages) {
    if (message.role === "user") result.push({ role: "user", content: message.content });
    else if (message.role === "assistant") {
      result.push({
        role: "assistant",
        content: message.text || null,
        ...(message.toolCalls.length
          ? { tool_calls: message.toolCalls.map((call) => ({ id: call.id, type: "function" as const, function: { name: call.name, arguments: call.rawArguments ?? JSON.stringify(call.arguments ?? {}) } })) }
          : {}),
      });
    } else {
      for (const entry of message.results) result.push({ role: "tool", tool_call_id: entry.callId, content: entry.content });
    }
  }
  return result;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === "object" && !Array.isArray(value);
}
