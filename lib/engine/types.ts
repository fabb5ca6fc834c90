import type { z } from "zod";
import type { Budget, UsageTotals } from "@/lib/engine/budget";
import type { WorkflowGraph } from "@/lib/schemas/workflow";

export type { WorkflowGraph };
export type GraphNode = WorkflowGraph["nodes"][number];
export type GraphEdge = WorkflowGraph["edges"][number];

/**
 * The durable execution contract. A step with a given key runs its side effects at most once per
 * successful completion and its result is memoized: on replay `run` returns the stored result.
 * Implemented by Inngest's `step` (production) and by the database (local driver).
 */
export interface StepRunner {
  /**
   * `pure`: the step only computes from its inputs (no side effect, same result every time), so a
   * driver may skip checkpointing it before moving on and recompute it on replay instead.
   */
  run<T>(key: string, fn: () => Promise<T>, options?: StepOptions): Promise<T>;
  /**
   * The runner stores a pure step's outcome together with the events it emitted, after the step
   * returns: the engine need not wait for those events to be stored before going on.
   */
  readonly batchesPureSteps?: boolean;
  /**
   * Runs a wait that holds nothing (a sub-workflow's end): the driver may give the run's slot to
   * other work meanwhile. Optional; without it the wait just runs.
   */
  idleWhile?<T>(wait: () => Promise<T>): Promise<T>;
  sleep(key: string, ms: number): Promise<void>;
  /**
   * Resolves with the event's data, or null when `timeoutMs` passes first. An event sent for this
   * execution before the wait began counts too (drivers read the stored ExecutionSignal).
   */
  waitForEvent<T = unknown>(key: string, options: { event: string; match: string; timeoutMs: number }): Promise<T | null>;
  /**
   * Optional: runs a queued child execution as the driver's own sub-run and resolves once that
   * run has ended (Inngest: step.invoke, so no step sits polling). Called outside any step.
   * Without it, callers start the child on the job driver and wait for it inside a step.
   */
  invokeExecution?(key: string, executionId: string): Promise<void>;
}

export type StepOptions = {
  pure?: boolean;
  /**
   * The step has no side effect but reads something that changes (the clock): its result must
   * stay the same on replay, so it is stored before going on — once, after it runs, with no
   * "running" checkpoint first.
   */
  reading?: boolean;
};

export type Usage = { inputTokens: number; outputTokens: number; costUsd: number; model?: string };

export type EngineEvent =
  | { type: "node.started"; nodeId: string; key: string; attempt?: number }
  | { type: "node.token"; nodeId: string; key: string; delta: string }
  | { type: "node.completed"; nodeId: string; key: string; output: unknown; usage?: Usage; durationMs: number }
  | { type: "node.failed"; nodeId: string; key: string; error: string }
  | { type: "node.skipped"; nodeId: string; key: string }
  | { type: "node.waiting"; nodeId: string; key: string; reason: string }
  | { type: "node.turn"; nodeId: string; key: string; turn: number; stopReason: string; toolCalls: number; usage: Usage; durationMs: number }
  | { type: "node.tool_call"; nodeId: string; key: string; turn: number; callId: string; tool: string; arguments: unknown }
  | { type: "node.tool_result"; nodeId: string; key: string; turn: number; callId: string; tool: string; result: unknown; isError: boolean; durationMs: number };

/** The agent trace events a node emits itself (the engine adds nodeId and key). */
export type NodeTraceEvent = DistributiveOmit<Extract<EngineEvent, { type: "node.turn" | "node.tool_call" | "node.tool_result" }>, "nodeId" | "key">;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export interface EventSink {
  emit(event: EngineEvent): void | Promise<void>;
}

/** What nodes may call outside the engine (network, models, secrets) — injected by the driver. */
export interface NodeServices {
  llm?: LlmPort;
  http?: HttpPort;
  code?: CodePort;
  resolveCredential?: (credentialId: string) => Promise<string>;
  /** A model credential: its key and, when it has one, its base URL (OpenAI-compatible servers, proxies). */
  resolveModelCredential?: (credentialId: string) => Promise<{ apiKey?: string; baseUrl?: string }>;
  /**
   * Runs another workflow to completion; `key` identifies the calling step (idempotent on replay).
   * With `step` it is called outside any step and makes its own (a Sub-workflow node); without,
   * it runs inside the caller's step (an agent's workflow tool).
   */
  runSubWorkflow?: (workflowId: string, input: unknown, options: { key: string; signal: AbortSignal; step?: StepRunner }) => Promise<unknown>;
  /** How a workflow of the workspace looks as an agent tool (its manual trigger's fields). */
  describeWorkflowTool?: (workflowId: string) => Promise<WorkflowToolInfo>;
  mcp?: McpPort;
  /** A workspace MCP connection (Settings → MCP connections) as the server it points to. */
  resolveMcpServer?: (connectionId: string) => Promise<McpServerRef>;
  memory?: MemoryPort;
  /** Knowledge bases of the workspace (Knowledge search node, agents' knowledge tool). */
  knowledge?: KnowledgePort;
  /** Emails the members an approval node names a single-use approve/reject link (lib/approvals). */
  requestApproval?: (request: ApprovalRequest) => Promise<{ notified: number }>;
  /** Masks the credential secrets this run resolved (a tool result echoing one never reaches the model). */
  redact?: <T>(value: T) => T;
}

/** Who an approval node asks: member emails and/or every member with at least a role. */
export type ApprovalRequest = { nodeId: string; key: string; message: string; members: string[]; role: "editor" | "admin" | "owner" | null; timeoutMs: number };

export type LlmRequest = {
  provider: "anthropic" | "openai" | "openai-compatible";
  model: string;
  system?: string;
  prompt: string;
  temperature?: number;
  maxTokens: number;
  apiKey?: string;
  /** Chosen by a user (node or credential): the LlmPort reaches it only through the outbound policy. */
  baseUrl?: string;
};
export type LlmResult = { text: string; usage: { inputTokens: number; outputTokens: number }; model: string };
export interface LlmPort {
  complete(request: LlmRequest, onToken: (delta: string) => void, signal?: AbortSignal): Promise<LlmResult>;
  /** One model turn of a tool-using conversation (agent loop); streams the text it writes. */
  chat?(request: ChatRequest, onToken: (delta: string) => void, signal?: AbortSignal): Promise<ChatResult>;
}

/** A JSON Schema object (tool inputs, structured answers), as providers and MCP servers take it. */
export type JsonSchema = Record<string, unknown>;
export type ToolSpec = { name: string; description: string; inputSchema: JsonSchema };
/** `arguments` is the parsed JSON object; `rawArguments` keeps text the model sent that was not JSON. */
export type ToolCall = { id: string; name: string; arguments: unknown; rawArguments?: string };
export type ToolResult = { callId: string; name: string; content: string; isError: boolean };
/** Provider-neutral conversation; the LlmPort maps it to Anthropic or OpenAI messages. */
export type ChatMessage =
  | { role: "user"; content: string }
  | { role: "assistant"; text: string; toolCalls: ToolCall[] }
  | { role: "tool"; results: ToolResult[] };
/**
 * Structured answers: OpenAI gets `response_format: json_schema`; Anthropic a tool of this name
 * that it must call (FINAL_ANSWER_TOOL), whose input is the answer.
 */
export const FINAL_ANSWER_TOOL = "final_answer";
export type ChatRequest = Omit<LlmRequest, "prompt"> & { messages: ChatMessage[]; tools: ToolSpec[]; responseSchema?: JsonSchema };
export type ChatResult = {
  text: string;
  toolCalls: ToolCall[];
  stopReason: "end" | "tool_calls" | "max_tokens" | "other";
  usage: { inputTokens: number; outputTokens: number };
  model: string;
};

/** A tool an agent can call, whatever its source (built-in node kind, workflow, MCP server). */
export type AgentTool = ToolSpec & {
  call(args: Record<string, unknown>, context: { key: string; signal: AbortSignal }): Promise<unknown>;
};

/** MCP servers as the agent sees them: listing and calling tools (lib/mcp behind this port). */
export type McpServerRef = { transport: "streamable-http" | "sse"; url: string; credentialId?: string; /** A workspace MCP connection's headers (decrypted for this call). */ headers?: Record<string, string> } | { transport: "stdio"; server: string };
export interface McpPort {
  listTools(server: McpServerRef, signal?: AbortSignal): Promise<ToolSpec[]>;
  /** `key` is the calling step's key (stable across replays): sent as the call's idempotency key. */
  callTool(server: McpServerRef, name: string, args: Record<string, unknown>, options: { key: string; signal?: AbortSignal }): Promise<{ content: string; isError: boolean }>;
}

/** Workflows of the workspace offered as tools: name, description and input schema of one. */
export type WorkflowToolInfo = { name: string; description: string; inputSchema: JsonSchema };

/** Searches a knowledge base of the run's workspace (lib/knowledge behind this port). */
export type KnowledgeSearchRequest = { knowledgeBaseId: string; query: string; topK: number; minScore: number; documentIds?: string[]; metadata?: Record<string, string | number | boolean | null>; mode?: "auto" | "hybrid" | "fulltext" | "vector" };
export type KnowledgeCitation = { chunkId: string; documentId: string; documentName: string; sourceUrl: string | null; position: number; heading: string; content: string; score: number };
export interface KnowledgePort {
  search(request: KnowledgeSearchRequest, signal?: AbortSignal): Promise<{ mode: string; results: KnowledgeCitation[] }>;
}

/** An agent's conversation memory (stored per workspace and conversation id). */
export type MemoryMessage = { role: "user" | "assistant"; content: string };
export interface MemoryPort {
  load(conversationId: string, options: { maxMessages: number }): Promise<MemoryMessage[]>;
  append(conversationId: string, messages: MemoryMessage[]): Promise<void>;
}

export type HttpRequest = {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  /** Stable across retries and replays of one step (the step key): sent as Idempotency-Key. */
  idempotencyKey?: string;
};
export type HttpResponse = { status: number; headers: Record<string, string>; body: string };
export interface HttpPort {
  request(request: HttpRequest, signal?: AbortSignal): Promise<HttpResponse>;
}

export interface CodePort {
  /** Runs untrusted JavaScript off the main thread; `signal` stops it (the run is killed). */
  run(source: string, input: unknown, limits: { timeoutMs: number; memoryBytes: number }, signal?: AbortSignal): Promise<unknown>;
}

export type NodeContext<TConfig> = {
  nodeId: string;
  /** The node's config with every `{{ … }}` expression resolved. */
  config: TConfig;
  /** Outputs of the active upstream nodes, by node id. */
  inputs: Record<string, unknown>;
  services: NodeServices;
  step: StepRunner;
  key: string;
  signal: AbortSignal;
  emitToken(delta: string): void;
  /** Agent trace events; emit them inside the step they describe, so replays do not repeat them. */
  emit?(event: NodeTraceEvent): Promise<void>;
  /**
   * Checks the run's budget with what this node spent so far (and the node's own budget since
   * `startedAt`); over budget it throws the engine's stop, and the run ends budget_exceeded.
   */
  assertWithinBudget?(spent: UsageTotals, own?: { budget?: Budget; startedAt: number; label: string }): void;
  now?(): number;
};

export type NodeResult = {
  output: unknown;
  /** Filled in by the scheduler: the resolved config and upstream outputs the node ran with. */
  input?: unknown;
  durationMs?: number;
  /** Output handles that fire; omitted: all of them. */
  branches?: string[];
  usage?: Usage;
  /** Set by the scheduler when the node failed and its On error setting let the run go on: the error. */
  failed?: string;
};

export type NodeCategory = "trigger" | "ai" | "logic" | "data" | "integration" | "human" | "flow";

export interface NodeDefinition<TConfig = Record<string, unknown>> {
  type: string;
  category: NodeCategory;
  label: string;
  description: string;
  configSchema: z.ZodType<TConfig>;
  /** Output handles; a function when they depend on the config (router). */
  outputs: string[] | ((config: TConfig) => string[]);
  /** Runs outside step.run (it calls step.sleep / step.waitForEvent itself). */
  durable?: boolean;
  /**
   * Runs outside step.run and makes a step of each side effect itself (the agent: one per model
   * turn and tool call); its outcome is stored as the node's step `node:<id>` like any node's.
   */
  stepwise?: boolean;
  /**
   * Computes its output from its config and inputs only (transform, condition, router, merge,
   * output, triggers): no side effect, so it may be recomputed on replay instead of checkpointed.
   */
  pure?: boolean;
  execute(context: NodeContext<TConfig>): Promise<NodeResult>;
}

/**
 * An error written for the people who run workflows: a node's own failure, a bad expression, an
 * engine stop. Anything else thrown during a run (a database, driver or programming error) is
 * internal, and the driver shows it as a short message with an error id (RunWorkflowOptions.describeError).
 */
export class UserFacingError extends Error {
  override name = "UserFacingError";
}

export class NodeExecutionError extends UserFacingError {
  override name = "NodeExecutionError";
  constructor(
    message: string,
    readonly retryable = false,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
