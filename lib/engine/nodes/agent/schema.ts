import { z } from "zod";

/** Names the model calls tools by (what Anthropic and OpenAI accept). */
const ToolNameSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "Use 1–64 letters, digits, _ or -");

/** HTTP requests chosen by the model, through the same outbound policy as the HTTP node. */
export const HttpToolConfigSchema = z
  .object({
    type: z.literal("http"),
    name: ToolNameSchema.default("http_request"),
    description: z.string().default(""),
    /** Only URLs under this prefix (same origin, path below it); required with a credential. */
    urlPrefix: z.string().default(""),
    methods: z.array(z.enum(["GET", "POST", "PUT", "PATCH", "DELETE"])).min(1).default(["GET"]),
    credentialId: z.string().optional(),
    credentialHeader: z.string().default("Authorization"),
    timeoutMs: z.number().int().min(100).max(120_000).default(15_000),
  })
  // A credential sent to any URL the model picks could be sent anywhere.
  .refine((tool) => !tool.credentialId || tool.urlPrefix, { message: "An HTTP tool with a credential needs a URL prefix", path: ["urlPrefix"] });

/** JavaScript the model writes, run in the QuickJS sandbox like the Code node. */
export const CodeToolConfigSchema = z.object({
  type: z.literal("code"),
  name: ToolNameSchema.default("run_code"),
  description: z.string().default(""),
  timeoutMs: z.number().int().min(10).max(30_000).default(1000),
  memoryMb: z.number().int().min(1).max(256).default(32),
});

/** Another workflow of the workspace: its manual trigger's fields are the tool's input. */
export const WorkflowToolConfigSchema = z.object({
  type: z.literal("workflow"),
  workflowId: z.string().min(1, "Choose a workflow").meta({ "x-widget": "workflow" }),
  name: ToolNameSchema.optional(),
  description: z.string().optional(),
});

/**
 * The tools of an MCP server (all, or the ones listed): a workspace MCP connection by id
 * (`connectionId`, managed by admins in Settings → MCP connections), or inline. Remote servers (Streamable HTTP, SSE) are
 * reached through the outbound policy; stdio servers are commands the operator configured
 * (AGENTRY_MCP_STDIO_SERVERS), named here, never commands typed into a workflow.
 */
export const McpToolConfigSchema = z
  .object({
    type: z.literal("mcp"),
    /** A workspace MCP connection; when set, transport, url, server and credentialId are ignored. */
    connectionId: z.string().optional(),
    transport: z.enum(["streamable-http", "sse", "stdio"]).default("streamable-http"),
    url: z.string().optional(),
    server: z.string().optional(),
    /** Sent as `Authorization: Bearer …`. */
    credentialId: z.string().optional(),
    tools: z.array(z.string()).default([]),
  })
  .refine((tool) => !!tool.connectionId || (tool.transport === "stdio" ? !!tool.server : !!tool.url), { message: "Pick an MCP connection (or give a URL, or for stdio the name of a server the operator configured)", path: ["connectionId"] });

/** Search a knowledge base of the workspace (the Knowledge search node's search, as a tool). */
export const KnowledgeToolConfigSchema = z.object({
  type: z.literal("knowledge"),
  knowledgeBaseId: z.string().min(1, "Choose a knowledge base").meta({ "x-widget": "knowledge-base" }),
  name: ToolNameSchema.default("search_knowledge"),
  description: z.string().default(""),
  topK: z.number().int().min(1).max(20).default(5),
  minScore: z.number().min(0).max(1).default(0),
});

export const AgentToolConfigSchema = z.discriminatedUnion("type", [HttpToolConfigSchema, CodeToolConfigSchema, WorkflowToolConfigSchema, McpToolConfigSchema, KnowledgeToolConfigSchema]);
export type AgentToolConfig = z.infer<typeof AgentToolConfigSchema>;

export const AgentBudgetSchema = z.object({
  maxTokens: z.number().int().positive().optional(),
  maxCostUsd: z.number().positive().optional(),
  maxDurationMs: z.number().int().positive().optional(),
});

export const agentConfigSchema = z.object({
  provider: z.enum(["anthropic", "openai", "openai-compatible"], { error: "Choose a provider" }),
  model: z.string({ error: "Choose a model" }).min(1, "Choose a model"),
  credentialId: z.string().optional(),
  /** For OpenAI-compatible servers (Ollama, vLLM, LM Studio …). */
  baseUrl: z.string().url("Enter a full URL, e.g. http://localhost:11434/v1").optional(),
  system: z.string().default("").meta({ "x-expression": true, "x-multiline": true }),
  prompt: z.string({ error: "Write the prompt" }).min(1, "Write the prompt").meta({ "x-expression": true, "x-multiline": true }),
  temperature: z.number().min(0).max(2).default(0.7),
  maxTokens: z.number().int().min(1).max(64_000).default(1024),
  tools: z.array(AgentToolConfigSchema).max(32).default([]),
  /** Model turns at most (each may call tools) before the agent gives up. */
  maxSteps: z.number().int().min(1).max(100).default(10),
  /** JSON Schema of the answer: the output is the validated object. */
  outputSchema: z.record(z.string(), z.unknown()).optional().meta({ "x-widget": "json-schema" }),
  /** This agent's own budget, on top of the run's. */
  budget: AgentBudgetSchema.optional(),
  /**
   * Conversation memory: e.g. `{{ input.threadId }}`; the last `maxMessages` messages are sent,
   * and with `maxTokens` only the newest of them that fit in that many tokens (≈ 4 characters each).
   */
  memory: z.object({ conversationId: z.string().default("").meta({ "x-expression": true }), maxMessages: z.number().int().min(1).max(200).default(20), maxTokens: z.number().int().min(1).max(1_000_000).optional() }).optional(),
});
export type AgentConfig = z.infer<typeof agentConfigSchema>;
