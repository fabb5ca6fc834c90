import type { z } from "zod";
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
  run<T>(key: string, fn: () => Promise<T>): Promise<T>;
  sleep(key: string, ms: number): Promise<void>;
  /** Resolves with the event's data, or null when `timeoutMs` passes first. */
  waitForEvent<T = unknown>(key: string, options: { event: string; match: string; timeoutMs: number }): Promise<T | null>;
}

export type Usage = { inputTokens: number; outputTokens: number; costUsd: number; model?: string };

export type EngineEvent =
  | { type: "node.started"; nodeId: string; key: string; attempt?: number }
  | { type: "node.token"; nodeId: string; key: string; delta: string }
  | { type: "node.completed"; nodeId: string; key: string; output: unknown; usage?: Usage; durationMs: number }
  | { type: "node.failed"; nodeId: string; key: string; error: string }
  | { type: "node.skipped"; nodeId: string; key: string }
  | { type: "node.waiting"; nodeId: string; key: string; reason: string };

export interface EventSink {
  emit(event: EngineEvent): void | Promise<void>;
}

/** What nodes may call outside the engine (network, models, secrets) — injected by the driver. */
export interface NodeServices {
  llm?: LlmPort;
  http?: HttpPort;
  code?: CodePort;
  resolveCredential?: (credentialId: string) => Promise<string>;
  /** Runs another workflow to completion; `key` identifies the calling step (idempotent on replay). */
  runSubWorkflow?: (workflowId: string, input: unknown, options: { key: string; signal: AbortSignal }) => Promise<unknown>;
}

export type LlmRequest = {
  provider: "anthropic" | "openai" | "openai-compatible";
  model: string;
  system?: string;
  prompt: string;
  temperature?: number;
  maxTokens: number;
  apiKey?: string;
  baseUrl?: string;
};
export type LlmResult = { text: string; usage: { inputTokens: number; outputTokens: number }; model: string };
export interface LlmPort {
  complete(request: LlmRequest, onToken: (delta: string) => void, signal?: AbortSignal): Promise<LlmResult>;
}

export type HttpRequest = { method: string; url: string; headers: Record<string, string>; body?: string; timeoutMs: number };
export type HttpResponse = { status: number; headers: Record<string, string>; body: string };
export interface HttpPort {
  request(request: HttpRequest, signal?: AbortSignal): Promise<HttpResponse>;
}

export interface CodePort {
  run(source: string, input: unknown, limits: { timeoutMs: number; memoryBytes: number }): Promise<unknown>;
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
};

export type NodeResult = {
  output: unknown;
  /** Filled in by the scheduler: the resolved config and upstream outputs the node ran with. */
  input?: unknown;
  durationMs?: number;
  /** Output handles that fire; omitted: all of them. */
  branches?: string[];
  usage?: Usage;
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
  execute(context: NodeContext<TConfig>): Promise<NodeResult>;
}

export class NodeExecutionError extends Error {
  override name = "NodeExecutionError";
  constructor(
    message: string,
    readonly retryable = false,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
