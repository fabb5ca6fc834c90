import type { UsageTotals } from "@/lib/engine/budget";
import { costOf } from "@/lib/engine/pricing";
import {
  FINAL_ANSWER_TOOL,
  NodeExecutionError,
  UserFacingError,
  type ChatMessage,
  type ChatRequest,
  type ChatResult,
  type LlmPort,
  type MemoryMessage,
  type NodeContext,
  type NodeResult,
  type ToolCall,
  type ToolResult,
  type ToolSpec,
  type Usage,
} from "@/lib/engine/types";
import { capForEvent } from "./cap-for-event";
import { createToolSources } from "./create-tool-sources";
import type { AgentConfig } from "./schema";
import { validateJsonSchema } from "./validate-json-schema";
import { trimToTokenBudget } from "./trim-to-token-budget";

/** What a tool result may weigh in the conversation (the model's context is not a dump). */
const MAX_TOOL_RESULT_CHARS = 20_000;

type ListedTool = ToolSpec & { source: number; target: string };
/** A turn step's stored result: NodeRun shows input/output/usage; replays rebuild the conversation from it. */
type TurnRecord = { input: { turn: number; sent: unknown }; output: Omit<ChatResult, "usage" | "model">; usage: Usage; at: number };
type ToolRecord = { input: { tool: string; arguments: unknown }; output: ToolResult; durationMs: number };

/**
 * The agent loop: model ↔ tools until a final answer or `maxSteps` turns. Every model turn
 * (`<key>:turn:<n>`) and every tool call (`<key>:tool:<callId>`) is a step of its own, so a replay
 * after a crash reuses finished turns and tool results and repeats nothing that completed; the
 * conversation is rebuilt from them. Tool calls of one turn run concurrently. Budgets are checked
 * between turns. A failing tool answers the model with its error (it may recover); a structured
 * answer is validated against the schema, with one retry that shows the model its errors.
 */
export async function runAgentLoop(context: NodeContext<AgentConfig>, connection: { apiKey?: string; baseUrl?: string }): Promise<NodeResult> {
  const { config, services, step, key, signal } = context;
  const llm = services.llm as LlmPort & { chat: NonNullable<LlmPort["chat"]> };
  const now = context.now ?? Date.now;
  const emit = context.emit ?? (async () => {});

  const sources = createToolSources(config.tools, services);
  const tools: ListedTool[] = sources.length
    ? await step.run(`${key}:tools`, async () => {
        const listed = await Promise.all(sources.map(async (source, index) => (await source.list(signal)).map((spec) => ({ ...spec, source: index, target: spec.name, name: modelToolName(spec.name) }))));
        return checkToolNames(listed.flat());
      })
    : [];

  const conversationId = config.memory?.conversationId ? String(config.memory.conversationId).trim() : "";
  const remembered: MemoryMessage[] =
    conversationId && services.memory
      ? await step.run(`${key}:memory`, async () => trimToTokenBudget(await services.memory!.load(conversationId, { maxMessages: config.memory!.maxMessages }), config.memory!.maxTokens))
      : [];

  const schema = config.outputSchema;
  const request: Omit<ChatRequest, "messages"> = {
    provider: config.provider,
    model: config.model,
    system: config.system || undefined,
    temperature: config.temperature,
    maxTokens: config.maxTokens,
    apiKey: connection.apiKey,
    baseUrl: connection.baseUrl,
    tools: tools.map(({ name, description, inputSchema }) => ({ name, description, inputSchema })),
    responseSchema: schema,
  };
  const messages: ChatMessage[] = [...remembered.map((message): ChatMessage => (message.role === "user" ? { role: "user", content: message.content } : { role: "assistant", text: message.content, toolCalls: [] })), { role: "user", content: String(config.prompt) }];
  let spent: UsageTotals = { inputTokens: 0, outputTokens: 0, costUsd: 0 };
  let model = config.model;
  let startedAt = now();
  let retriedAnswer = false;
  let sentUpTo = 0;

  for (let turn = 0; ; turn++) {
    if (signal.aborted) throw signal.reason instanceof Error ? signal.reason : new NodeExecutionError("The agent was stopped.");
    if (turn > 0) context.assertWithinBudget?.(spent, { budget: config.budget, startedAt, label: "the agent" });
    if (turn >= config.maxSteps) {
      throw new NodeExecutionError(`The agent used all ${config.maxSteps} steps without a final answer; raise "Max steps" or narrow the task.`);
    }
    const sent = messages.slice(sentUpTo);
    sentUpTo = messages.length;
    const record = await step.run(`${key}:turn:${turn}`, async (): Promise<TurnRecord> => {
      const at = now();
      const result = await llm.chat({ ...request, messages: [...messages] }, context.emitToken, signal);
      const usage: Usage = { ...result.usage, costUsd: costOf(result.model, result.usage), model: result.model };
      await emit({ type: "node.turn", turn, stopReason: result.stopReason, toolCalls: result.toolCalls.length, usage, durationMs: now() - at });
      return { input: { turn, sent: capForEvent(sent, 4000) }, output: { text: result.text, toolCalls: result.toolCalls, stopReason: result.stopReason }, usage, at };
    });
    if (turn === 0) startedAt = record.at;
    model = record.usage.model ?? model;
    spent = { inputTokens: spent.inputTokens + record.usage.inputTokens, outputTokens: spent.outputTokens + record.usage.outputTokens, costUsd: spent.costUsd + record.usage.costUsd };
    const { text, toolCalls } = record.output;
    messages.push({ role: "assistant", text, toolCalls });

    const answerCall = toolCalls.find((call) => call.name === FINAL_ANSWER_TOOL && !tools.some((tool) => tool.name === FINAL_ANSWER_TOOL));
    const calls = toolCalls.filter((call) => call !== answerCall);
    const usage: Usage = { ...spent, model };

    if (answerCall || calls.length === 0) {
      if (!schema) return finish({ text, model }, usage);
      const { value, errors } = readStructuredAnswer(answerCall ? answerCall.arguments : text, schema, !answerCall);
      if (!errors.length) return finish(value, usage);
      if (retriedAnswer) throw new NodeExecutionError(`The answer does not match the output schema after a retry: ${errors.slice(0, 5).join("; ")}.`);
      retriedAnswer = true;
      const feedback = `The answer does not match the required JSON schema:\n- ${errors.join("\n- ")}\nAnswer again with JSON that matches the schema.`;
      if (answerCall) {
        // Every tool call needs a result (Anthropic insists): the others run, the answer gets the errors.
        const results = await Promise.all(calls.map((call) => callTool(call, turn)));
        messages.push({ role: "tool", results: [...results, { callId: answerCall.id, name: answerCall.name, content: feedback, isError: true }] });
      } else {
        messages.push({ role: "user", content: feedback });
      }
      continue;
    }
    messages.push({ role: "tool", results: await Promise.all(calls.map((call) => callTool(call, turn))) });
  }

  async function finish(output: unknown, usage: Usage): Promise<NodeResult> {
    if (conversationId && services.memory) {
      const answer = typeof output === "object" && output && "text" in output && !schema ? String((output as { text: unknown }).text) : JSON.stringify(output);
      await step.run(`${key}:remember`, async () => {
        await services.memory!.append(conversationId, [{ role: "user", content: String(config.prompt) }, { role: "assistant", content: answer }]);
        return null;
      });
    }
    return { output, usage };
  }

  async function callTool(call: ToolCall, turn: number): Promise<ToolResult> {
    const record = await step.run(`${key}:tool:${stepIdOf(call.id)}`, async (): Promise<ToolRecord> => {
      await emit({ type: "node.tool_call", turn, callId: call.id, tool: call.name, arguments: capForEvent(call.arguments ?? call.rawArguments ?? null) });
      const at = now();
      const result = await runTool(call);
      await emit({ type: "node.tool_result", turn, callId: call.id, tool: call.name, result: capForEvent(result.content), isError: result.isError, durationMs: now() - at });
      return { input: { tool: call.name, arguments: call.arguments ?? call.rawArguments ?? null }, output: result, durationMs: now() - at };
    });
    return record.output;
  }

  async function runTool(call: ToolCall): Promise<ToolResult> {
    const failed = (content: string): ToolResult => ({ callId: call.id, name: call.name, content, isError: true });
    const tool = tools.find((candidate) => candidate.name === call.name);
    if (!tool) return failed(`There is no tool named "${call.name}". Available: ${tools.map((candidate) => candidate.name).join(", ") || "none"}.`);
    if (call.rawArguments !== undefined) return failed(`The arguments are not valid JSON: ${call.rawArguments.slice(0, 500)}`);
    const args = (call.arguments ?? {}) as Record<string, unknown>;
    if (typeof args !== "object" || Array.isArray(args)) return failed("The arguments must be a JSON object.");
    const problems = validateJsonSchema(args, tool.inputSchema);
    if (problems.length) return failed(`The arguments do not match the tool's input schema:\n- ${problems.join("\n- ")}`);
    try {
      const value = await sources[tool.source]!.call(tool.target, args, { key: `${key}:tool:${stepIdOf(call.id)}`, signal });
      const text = typeof value === "string" ? value : (JSON.stringify(value) ?? "null");
      // An API that echoes the credential back must not hand it to the model (a third party).
      const content = services.redact ? services.redact(text) : text;
      return { callId: call.id, name: call.name, content: content.length > MAX_TOOL_RESULT_CHARS ? `${content.slice(0, MAX_TOOL_RESULT_CHARS)}… (cut at ${MAX_TOOL_RESULT_CHARS} of ${content.length} characters)` : content, isError: false };
    } catch (error) {
      if (signal.aborted) throw error;
      // Errors written for users go to the model as they are; anything else stays on the server.
      return failed(error instanceof UserFacingError ? error.message : "The tool failed with an internal error.");
    }
  }
}

/** A structured answer: the forced tool's input (Anthropic) or the JSON text (OpenAI), validated. */
function readStructuredAnswer(candidate: unknown, schema: Record<string, unknown>, isText: boolean): { value: unknown; errors: string[] } {
  let value = candidate;
  if (isText) {
    const text = String(candidate ?? "").trim().replace(/^```(?:json)?\s*([\s\S]*?)\s*```$/, "$1");
    try {
      value = JSON.parse(text);
    } catch {
      return { value: null, errors: [`the answer is not JSON (it starts with ${JSON.stringify(text.slice(0, 80))})`] };
    }
  }
  return { value, errors: validateJsonSchema(value, schema) };
}

/** Provider tool names allow [A-Za-z0-9_-]{1,64}; MCP servers may use dots or more. */
function modelToolName(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 64) || "tool";
}

function checkToolNames(tools: ListedTool[]): ListedTool[] {
  const seen = new Set<string>();
  for (const tool of tools) {
    if (seen.has(tool.name)) throw new NodeExecutionError(`Two tools are named "${tool.name}"; give one of them another name.`);
    seen.add(tool.name);
  }
  return tools;
}

/** Call ids become part of a step key: keep them to characters every driver stores as is. */
function stepIdOf(callId: string): string {
  return callId.replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 80) || "call";
}
