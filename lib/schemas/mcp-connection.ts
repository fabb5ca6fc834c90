import { z } from "zod";
import { httpUrlSchema } from "@/lib/schemas/http-url";

export const MCP_TRANSPORTS = ["streamable-http", "sse", "stdio"] as const;
export type McpTransport = (typeof MCP_TRANSPORTS)[number];

export const MCP_TRANSPORT_LABELS: Record<McpTransport, string> = {
  "streamable-http": "Streamable HTTP",
  sse: "SSE",
  stdio: "stdio (operator-configured)",
};

const nameSchema = z.string().trim().min(1, "Name the connection.").max(80);
const urlSchema = httpUrlSchema("https://mcp.example.com/mcp");
/** Header names as HTTP allows them (RFC 9110 tokens); values on one line. */
const headersSchema = z
  .record(
    z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$/, "Header names are letters, digits and - (e.g. X-Api-Key)."),
    z.string().max(10_000).regex(/^[^\r\n]*$/, "Header values are one line."),
  )
  .refine((headers) => Object.keys(headers).length <= 20, "At most 20 headers.");
const serverSchema = z.string().trim().min(1).max(100);

/** Remote connections need a URL; stdio ones name a server the operator configured, nothing else. */
function checkTransportRules(value: { transport?: McpTransport; url?: string | null; server?: string | null; headers?: Record<string, string> | null; token?: string | null }, context: z.RefinementCtx) {
  if (value.transport === "stdio") {
    if (!value.server) context.addIssue({ code: "custom", path: ["server"], message: "Name a stdio server the operator configured (AGENTRY_MCP_STDIO_SERVERS)." });
    if (value.url) context.addIssue({ code: "custom", path: ["url"], message: "stdio servers have no URL." });
    if ((value.headers && Object.keys(value.headers).length) || value.token) context.addIssue({ code: "custom", path: ["headers"], message: "stdio servers take no headers or token." });
  } else if (value.transport) {
    if (!value.url) context.addIssue({ code: "custom", path: ["url"], message: "Enter the server's URL." });
    if (value.server) context.addIssue({ code: "custom", path: ["server"], message: "Only stdio connections name a server." });
  }
}

export const createMcpConnectionSchema = z
  .object({
    name: nameSchema,
    transport: z.enum(MCP_TRANSPORTS).default("streamable-http"),
    url: urlSchema.optional(),
    server: serverSchema.optional(),
    /** Write-only: stored encrypted, never returned (only their names). */
    headers: headersSchema.optional(),
    /** Write-only shortcut for `Authorization: Bearer <token>`. */
    token: z.string().max(10_000).regex(/^[^\r\n]*$/, "The token is one line.").optional(),
  })
  .superRefine(checkTransportRules);
export type CreateMcpConnectionInput = z.infer<typeof createMcpConnectionSchema>;

/** Rename, move, or replace the headers (write-only; `null` clears them). Rules are checked with the stored values. */
export const updateMcpConnectionSchema = z
  .object({
    name: nameSchema.optional(),
    transport: z.enum(MCP_TRANSPORTS).optional(),
    url: urlSchema.nullable().optional(),
    server: serverSchema.nullable().optional(),
    headers: headersSchema.nullable().optional(),
    token: z.string().max(10_000).regex(/^[^\r\n]*$/, "The token is one line.").nullable().optional(),
  })
  .refine((value) => Object.values(value).some((field) => field !== undefined), "Send something to change.");
export type UpdateMcpConnectionInput = z.infer<typeof updateMcpConnectionSchema>;

const timestamp = z.iso.datetime();
export const McpToolSchema = z.object({ name: z.string(), description: z.string(), inputSchema: z.record(z.string(), z.unknown()) }).meta({ id: "McpTool" });

export const McpConnectionSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    transport: z.enum(MCP_TRANSPORTS),
    url: z.string().nullable(),
    server: z.string().nullable(),
    headerNames: z.array(z.string()).meta({ description: "Names of the stored headers; their values are write-only" }),
    tools: z.array(McpToolSchema).nullable().meta({ description: "The server's tools as of the last successful test (null: never tested)" }),
    testedAt: timestamp.nullable(),
    createdAt: timestamp,
    updatedAt: timestamp,
    usedBy: z.array(z.object({ workflowId: z.string(), workflowName: z.string() })).optional().meta({ description: "Lists only: workflows whose agents (draft or active version) use it" }),
  })
  .meta({ id: "McpConnection", description: "Never contains header values or tokens." });
export type McpConnection = { id: string; name: string; transport: McpTransport; url: string | null; server: string | null; headerNames: string[]; tools: McpTool[] | null; testedAt: Date | null; createdAt: Date; updatedAt: Date; usedBy?: { workflowId: string; workflowName: string }[] };
export type McpTool = z.infer<typeof McpToolSchema>;

export const McpConnectionTestSchema = z
  .object({
    ok: z.boolean(),
    message: z.string().meta({ description: "What happened, for people: tools found, refused credentials (401), nothing at the URL (404), no answer in time …" }),
    tools: z.array(McpToolSchema).optional(),
    testedAt: timestamp,
  })
  .meta({ id: "McpConnectionTest" });
