import { z } from "zod";
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from "zod-openapi";
import { acceptInvitationSchema, changeMemberRoleSchema, createApiKeySchema, createInvitationSchema, createWorkspaceSchema, renameWorkspaceSchema, switchWorkspaceSchema, transferOwnershipSchema } from "@/lib/schemas/workspace";
import { createCredentialSchema, updateCredentialSchema } from "@/lib/schemas/credential";
import { forceDeleteQuerySchema } from "@/lib/schemas/force-delete-query";
import { createMcpConnectionSchema, McpConnectionSchema, McpConnectionTestSchema, updateMcpConnectionSchema } from "@/lib/schemas/mcp-connection";
import { confirmApprovalSchema, listApprovalsQuerySchema, PendingApprovalListSchema } from "@/lib/schemas/approval";
import { updateTriggerSchema } from "@/lib/schemas/trigger";
import { approvalDecisionSchema, listExecutionsQuerySchema, startExecutionSchema } from "@/lib/schemas/execution";
import { createWorkflowSchema, listQuerySchema, updateWorkflowSchema } from "@/lib/schemas/workflow";
import * as R from "@/lib/schemas/responses";
import { NodeTestResultSchema, ReplayAcceptedSchema, replayExecutionSchema, testWorkflowNodeSchema } from "@/lib/schemas/replay";
import { addKnowledgeDocumentSchema, createKnowledgeBaseSchema, KnowledgeBaseSchema, KnowledgeChunkSchema, KnowledgeDocumentSchema, KnowledgeSearchResultSchema, listKnowledgeChunksQuerySchema, searchKnowledgeBaseSchema, updateKnowledgeBaseSchema } from "@/lib/schemas/knowledge";

type Method = "get" | "post" | "put" | "patch" | "delete";
type Operation = {
  method: Method;
  path: string;
  tag: string;
  summary: string;
  /** Least role (or who may call it), shown in the docs and as x-min-role. */
  access: string;
  body?: z.ZodType;
  /** A multipart/form-data alternative to the JSON body (file uploads). */
  upload?: z.ZodObject;
  query?: z.ZodObject;
  response?: { status: number; schema?: z.ZodType; description?: string; contentType?: string };
  errors?: number[];
};


/** Every REST endpoint, in one table: the OpenAPI document and the /docs/api page come from it. */
export const OPERATIONS: Operation[] = [
  { method: "get", path: "/api/health", tag: "Health", summary: "Liveness", access: "public", response: { status: 200, schema: z.object({ status: z.literal("ok") }) } },
  { method: "get", path: "/api/health/ready", tag: "Health", summary: "Readiness: the database answers (503 otherwise), and which drivers are in use", access: "public", response: { status: 200, schema: z.object({ status: z.enum(["ok", "unavailable"]), checks: z.record(z.string(), z.unknown()), drivers: z.record(z.string(), z.string()) }) } },

  { method: "get", path: "/api/v1/workspaces", tag: "Workspaces", summary: "Your workspaces", access: "signed in", response: { status: 200, schema: R.list(R.WorkspaceSchema, "WorkspaceList") } },
  { method: "post", path: "/api/v1/workspaces", tag: "Workspaces", summary: "Create a workspace (you become its owner and switch to it)", access: "signed in", body: createWorkspaceSchema, response: { status: 201, schema: R.WorkspaceSchema } },
  { method: "put", path: "/api/v1/workspaces/active", tag: "Workspaces", summary: "Switch the active workspace", access: "signed in", body: switchWorkspaceSchema, response: { status: 200, schema: z.object({ workspaceId: z.string(), role: z.string() }) } },
  { method: "get", path: "/api/v1/workspaces/{id}", tag: "Workspaces", summary: "One workspace", access: "viewer", response: { status: 200, schema: z.object({ id: z.string(), name: z.string(), createdAt: z.iso.datetime(), memberCount: z.number().int(), role: z.string() }) } },
  { method: "patch", path: "/api/v1/workspaces/{id}", tag: "Workspaces", summary: "Rename", access: "admin", body: renameWorkspaceSchema, response: { status: 200, schema: z.object({ id: z.string(), name: z.string() }) } },
  { method: "delete", path: "/api/v1/workspaces/{id}", tag: "Workspaces", summary: "Delete the workspace and everything in it", access: "owner", response: { status: 204 } },
  { method: "post", path: "/api/v1/workspaces/{id}/transfer", tag: "Workspaces", summary: "Transfer ownership to a member (you become admin)", access: "owner", body: transferOwnershipSchema, response: { status: 204 } },

  { method: "get", path: "/api/v1/members", tag: "Members", summary: "Members with roles", access: "viewer", response: { status: 200, schema: R.list(R.MemberSchema, "MemberList") } },
  { method: "patch", path: "/api/v1/members/{userId}", tag: "Members", summary: "Change a role (owners only for the owner role; never the last owner)", access: "admin", body: changeMemberRoleSchema, response: { status: 200, schema: z.object({ userId: z.string(), role: z.string() }) }, errors: [409] },
  { method: "delete", path: "/api/v1/members/{userId}", tag: "Members", summary: "Remove a member (anyone may remove themselves)", access: "admin", response: { status: 204 }, errors: [409] },
  { method: "get", path: "/api/v1/invitations", tag: "Members", summary: "Pending invitations", access: "admin", response: { status: 200, schema: R.list(R.InvitationSchema, "InvitationList") } },
  { method: "post", path: "/api/v1/invitations", tag: "Members", summary: "Invite by email (sends the link; replaces an earlier invitation to the address)", access: "admin", body: createInvitationSchema, response: { status: 201, schema: R.InvitationSchema }, errors: [409, 429] },
  { method: "delete", path: "/api/v1/invitations/{id}", tag: "Members", summary: "Revoke", access: "admin", response: { status: 204 } },
  { method: "post", path: "/api/v1/invitations/{id}/resend", tag: "Members", summary: "Send again with a new link", access: "admin", response: { status: 200, schema: R.InvitationSchema }, errors: [409, 429] },
  { method: "post", path: "/api/v1/invitations/accept", tag: "Members", summary: "Accept (the signed-in user's email must match)", access: "signed in", body: acceptInvitationSchema, response: { status: 200, schema: z.object({ workspaceId: z.string(), role: z.string() }) }, errors: [409] },
  { method: "get", path: "/api/v1/api-keys", tag: "API keys", summary: "Active keys (never the key itself)", access: "admin", response: { status: 200, schema: R.list(R.ApiKeySchema, "ApiKeyList") } },
  { method: "post", path: "/api/v1/api-keys", tag: "API keys", summary: "Create a key; the key is returned once", access: "admin", body: createApiKeySchema, response: { status: 201, schema: R.CreatedApiKeySchema } },
  { method: "delete", path: "/api/v1/api-keys/{id}", tag: "API keys", summary: "Revoke", access: "admin", response: { status: 204 } },
  { method: "get", path: "/api/v1/mcp-connections", tag: "MCP connections", summary: "The workspace's MCP servers with the tools of their last successful test (for agents' pickers; never header values)", access: "viewer", response: { status: 200, schema: R.list(McpConnectionSchema, "McpConnectionList") } },
  { method: "post", path: "/api/v1/mcp-connections", tag: "MCP connections", summary: "Add an MCP server: Streamable HTTP or SSE by URL, or stdio by naming a server the operator configured (AGENTRY_MCP_STDIO_SERVERS); headers and token stored encrypted (write-only)", access: "admin", body: createMcpConnectionSchema, response: { status: 201, schema: McpConnectionSchema }, errors: [409] },
  { method: "get", path: "/api/v1/mcp-connections/{id}", tag: "MCP connections", summary: "One MCP connection", access: "viewer", response: { status: 200, schema: McpConnectionSchema } },
  { method: "patch", path: "/api/v1/mcp-connections/{id}", tag: "MCP connections", summary: "Rename, change transport or URL, replace the headers (write-only; null clears them)", access: "admin", body: updateMcpConnectionSchema, response: { status: 200, schema: McpConnectionSchema }, errors: [409] },
  { method: "delete", path: "/api/v1/mcp-connections/{id}", tag: "MCP connections", summary: "Delete; 409 naming the workflows whose agents use it, unless ?force=true (those agents then fail with a clear message)", access: "admin", query: forceDeleteQuerySchema, response: { status: 204 }, errors: [409] },
  { method: "post", path: "/api/v1/mcp-connections/{id}/test", tag: "MCP connections", summary: "Connect through the outbound policy and list the server's tools with their JSON Schemas (stored for pickers); a refused token is 200 with ok: false", access: "admin", response: { status: 200, schema: McpConnectionTestSchema }, errors: [429] },
  { method: "get", path: "/api/v1/activity", tag: "Activity", summary: "The activity log, newest first", access: "admin", query: listQuerySchema.extend({ action: z.string().optional() }), response: { status: 200, schema: R.page(R.ActivityEntrySchema, "ActivityPage") } },

  { method: "get", path: "/api/v1/workflows", tag: "Workflows", summary: "List", access: "viewer", query: listQuerySchema, response: { status: 200, schema: R.page(R.WorkflowSummarySchema, "WorkflowPage") } },
  { method: "post", path: "/api/v1/workflows", tag: "Workflows", summary: "Create", access: "editor", body: createWorkflowSchema, response: { status: 201, schema: R.WorkflowSchema } },
  { method: "get", path: "/api/v1/workflows/{id}", tag: "Workflows", summary: "One workflow with its draft graph", access: "viewer", response: { status: 200, schema: R.WorkflowSchema } },
  { method: "patch", path: "/api/v1/workflows/{id}", tag: "Workflows", summary: "Update name, description or draft graph", access: "editor", body: updateWorkflowSchema, response: { status: 200, schema: R.WorkflowSchema } },
  { method: "delete", path: "/api/v1/workflows/{id}", tag: "Workflows", summary: "Delete", access: "editor", response: { status: 204 } },
  { method: "post", path: "/api/v1/workflows/{id}/publish", tag: "Workflows", summary: "Validate the draft and snapshot it as the next version (422 with per-node errors)", access: "editor", body: z.object({ note: z.string().max(500).optional() }), response: { status: 201, schema: R.WorkflowVersionSchema }, errors: [422] },
  { method: "get", path: "/api/v1/workflows/{id}/versions", tag: "Workflows", summary: "Published versions", access: "viewer", response: { status: 200, schema: R.list(R.WorkflowVersionSchema, "WorkflowVersionList") } },
  { method: "post", path: "/api/v1/workflows/{id}/versions/{version}/activate", tag: "Workflows", summary: "Roll back: make a version active again and restore it as the draft", access: "editor", response: { status: 200, schema: z.object({ activeVersion: z.number().int(), draftRevision: z.number().int() }) } },
  { method: "get", path: "/api/v1/workflows/{id}/triggers", tag: "Triggers", summary: "Webhooks (URL and secret) and schedules (next run times, cron in words) of the active version", access: "editor", response: { status: 200, schema: R.list(R.TriggerSchema, "TriggerList") } },
  { method: "patch", path: "/api/v1/workflows/{id}/triggers/{triggerId}", tag: "Triggers", summary: "Enable or disable (pause) a trigger; a resumed schedule continues from now", access: "editor", body: updateTriggerSchema, response: { status: 200, schema: R.TriggerSchema } },
  { method: "post", path: "/api/v1/workflows/{id}/triggers/{triggerId}/rotate-secret", tag: "Triggers", summary: "Give a webhook a new secret (the old one stops working at once)", access: "editor", response: { status: 200, schema: R.TriggerSchema }, errors: [409] },
  { method: "post", path: "/api/v1/workflows/{id}/nodes/{nodeId}/test", tag: "Workflows", summary: "Test one node of the draft with the upstream outputs of a recorded execution (the latest unless executionId) or pinned inputs; returns its output or error, usage and duration; nothing is stored", access: "editor", body: testWorkflowNodeSchema, response: { status: 200, schema: NodeTestResultSchema }, errors: [422] },
  { method: "post", path: "/api/v1/workflows/{id}/executions", tag: "Executions", summary: "Start a run of the active (or a given) version", access: "editor", body: startExecutionSchema, response: { status: 202, schema: R.ExecutionAcceptedSchema }, errors: [409] },

  { method: "get", path: "/api/v1/executions", tag: "Executions", summary: "List, newest first", access: "viewer", query: listExecutionsQuerySchema, response: { status: 200, schema: R.page(R.ExecutionSummarySchema, "ExecutionPage") } },
  { method: "get", path: "/api/v1/executions/{id}", tag: "Executions", summary: "Status, input, output, error, usage, cost and node runs", access: "viewer", response: { status: 200, schema: R.ExecutionSchema } },
  { method: "get", path: "/api/v1/executions/{id}/events", tag: "Executions", summary: "Server-Sent Events: `id:` is the sequence; resumes after Last-Event-ID or ?after=; ends after the terminal event", access: "viewer", query: z.object({ after: z.number().int().min(0).optional() }), response: { status: 200, contentType: "text/event-stream", description: "event: <type>, data: { seq, type, nodeId, data, createdAt }" } },
  { method: "post", path: "/api/v1/executions/{id}/replay", tag: "Executions", summary: "Replay an ended execution from a node on the current draft (published first if it changed): earlier nodes' recorded outputs are reused, the node and those after it run again; local job driver only (409 on Inngest)", access: "editor", body: replayExecutionSchema, response: { status: 202, schema: ReplayAcceptedSchema }, errors: [409, 422] },
  { method: "post", path: "/api/v1/executions/{id}/retry", tag: "Executions", summary: "Run an ended execution again (same version, input and budget)", access: "editor", response: { status: 202, schema: R.ExecutionAcceptedSchema }, errors: [409] },
  { method: "post", path: "/api/v1/executions/{id}/cancel", tag: "Executions", summary: "Cancel", access: "editor", response: { status: 202, schema: z.object({ id: z.string(), status: z.literal("cancelling") }) }, errors: [409] },
  { method: "get", path: "/api/v1/approvals", tag: "Executions", summary: "Every approval of the workspace waiting for a decision now, newest first", access: "viewer", query: listApprovalsQuerySchema, response: { status: 200, schema: PendingApprovalListSchema } },
  { method: "get", path: "/api/v1/approvals/stream", tag: "Executions", summary: "Server-Sent Events of the workspace's waiting approvals: `event: approvals` on connecting and on every change (an approval starts waiting, is decided, times out, or its run ends)", access: "viewer", response: { status: 200, contentType: "text/event-stream", description: "event: approvals, data: { count, version } (version changes whenever the list or a message does)" } },
  { method: "post", path: "/api/v1/approvals/confirm", tag: "Executions", summary: "Decide through an emailed approval link (the signed-in member it was sent to; single use, expiring)", access: "signed in", body: confirmApprovalSchema, response: { status: 200, schema: z.object({ executionId: z.string(), nodeId: z.string(), approved: z.boolean() }) }, errors: [409] },
  { method: "post", path: "/api/v1/executions/{id}/approvals/{nodeId}", tag: "Executions", summary: "Approve or reject a waiting approval node (first decision wins)", access: "editor", body: approvalDecisionSchema, response: { status: 200, schema: z.object({ executionId: z.string(), nodeId: z.string(), approved: z.boolean() }) }, errors: [409] },
  { method: "post", path: "/api/v1/hooks/{triggerId}", tag: "Triggers", summary: "Webhook: starts the workflow; secret in X-Agentry-Secret or ?secret=; ?wait=true answers with the outcome", access: "webhook secret", query: z.object({ secret: z.string().optional(), wait: z.enum(["true", "false"]).optional() }), response: { status: 202, schema: R.ExecutionAcceptedSchema, description: "Started (with ?wait=true and a finished run: 200 WebhookOutcome)" }, errors: [413, 429] },

  { method: "get", path: "/api/v1/conversations", tag: "Conversations", summary: "Agents' memory: conversations of the workspace, most recently active first", access: "viewer", query: listQuerySchema, response: { status: 200, schema: R.page(R.ConversationSummarySchema, "ConversationPage") } },
  { method: "get", path: "/api/v1/conversations/{id}", tag: "Conversations", summary: "One conversation with its messages, oldest first", access: "viewer", response: { status: 200, schema: R.ConversationSchema } },
  { method: "delete", path: "/api/v1/conversations/{id}", tag: "Conversations", summary: "Forget a conversation (its messages are deleted)", access: "editor", response: { status: 204 } },

  { method: "get", path: "/api/v1/knowledge-bases", tag: "Knowledge", summary: "Knowledge bases of the workspace, with document and chunk counts", access: "viewer", response: { status: 200, schema: R.list(KnowledgeBaseSchema, "KnowledgeBaseList") } },
  { method: "post", path: "/api/v1/knowledge-bases", tag: "Knowledge", summary: "Create; embeddings (credential, model, dimensions) optional — without them search is full-text only", access: "editor", body: createKnowledgeBaseSchema, response: { status: 201, schema: KnowledgeBaseSchema }, errors: [409] },
  { method: "get", path: "/api/v1/knowledge-bases/{id}", tag: "Knowledge", summary: "One knowledge base", access: "viewer", response: { status: 200, schema: KnowledgeBaseSchema } },
  { method: "patch", path: "/api/v1/knowledge-bases/{id}", tag: "Knowledge", summary: "Rename, describe, or reach the same embedding model through another credential", access: "editor", body: updateKnowledgeBaseSchema, response: { status: 200, schema: KnowledgeBaseSchema }, errors: [409] },
  { method: "delete", path: "/api/v1/knowledge-bases/{id}", tag: "Knowledge", summary: "Delete with its documents and chunks", access: "editor", response: { status: 204 } },
  { method: "get", path: "/api/v1/knowledge-bases/{id}/documents", tag: "Knowledge", summary: "Documents, newest first, with status (queued, processing, ready, failed), progress and error", access: "viewer", response: { status: 200, schema: R.list(KnowledgeDocumentSchema, "KnowledgeDocumentList") } },
  {
    method: "post", path: "/api/v1/knowledge-bases/{id}/documents", tag: "Knowledge", access: "editor",
    summary: "Add a document, ingested in the background: a file as multipart/form-data (field file: txt, md, html, pdf, docx, at most 20 MB, type sniffed; optional metadata as JSON text), or JSON { url } (fetched through the outbound policy) or { text, name }",
    body: addKnowledgeDocumentSchema, upload: z.object({ file: z.string().meta({ format: "binary" }), name: z.string().optional(), metadata: z.string().optional().meta({ description: "A JSON object" }) }),
    response: { status: 202, schema: KnowledgeDocumentSchema }, errors: [422],
  },
  { method: "get", path: "/api/v1/knowledge-bases/{id}/documents/{documentId}", tag: "Knowledge", summary: "One document: status, progress, error, chunk and embedding counts", access: "viewer", response: { status: 200, schema: KnowledgeDocumentSchema } },
  { method: "delete", path: "/api/v1/knowledge-bases/{id}/documents/{documentId}", tag: "Knowledge", summary: "Delete a document and its chunks", access: "editor", response: { status: 204 } },
  { method: "get", path: "/api/v1/knowledge-bases/{id}/documents/{documentId}/chunks", tag: "Knowledge", summary: "A document's chunks in order (heading path, text, tokens, embedded)", access: "viewer", query: listKnowledgeChunksQuerySchema, response: { status: 200, schema: R.list(KnowledgeChunkSchema, "KnowledgeChunkList") } },
  { method: "post", path: "/api/v1/knowledge-bases/{id}/documents/{documentId}/reingest", tag: "Knowledge", summary: "Ingest again from the source (a URL is fetched again)", access: "editor", response: { status: 202, schema: KnowledgeDocumentSchema } },
  { method: "post", path: "/api/v1/knowledge-bases/{id}/search", tag: "Knowledge", summary: "Search: hybrid (reciprocal rank fusion of full-text and pgvector) when embeddings exist, else full-text; passages with document, position and score", access: "viewer", body: searchKnowledgeBaseSchema, response: { status: 200, schema: KnowledgeSearchResultSchema }, errors: [409] },

  { method: "get", path: "/api/v1/analytics/summary", tag: "Analytics", summary: "Runs, success rate, p50/p95 duration, tokens and cost by model and workflow, runs per day, top failing nodes", access: "viewer", query: z.object({ from: z.string().optional(), to: z.string().optional(), workflowId: z.string().optional() }), response: { status: 200, schema: z.object({ from: z.string(), to: z.string(), totals: z.record(z.string(), z.number().nullable()), perDay: z.array(z.record(z.string(), z.unknown())), byModel: z.array(z.record(z.string(), z.unknown())), byWorkflow: z.array(z.record(z.string(), z.unknown())), topFailingNodes: z.array(z.record(z.string(), z.unknown())) }).meta({ id: "AnalyticsSummary" }) } },
  { method: "get", path: "/api/v1/nodes", tag: "Nodes", summary: "Node catalog: type, category, outputs, config JSON Schema", access: "viewer", response: { status: 200, schema: R.list(R.NodeTypeSchema, "NodeTypeList") } },
  { method: "get", path: "/api/v1/credentials", tag: "Credentials", summary: "Credential names and providers (for pickers; never secrets); admins also get base URL, last use, rotation and the workflows using each", access: "viewer", response: { status: 200, schema: R.list(R.CredentialSchema, "CredentialList") } },
  { method: "post", path: "/api/v1/credentials", tag: "Credentials", summary: "Store a secret, encrypted (write-only); baseUrl for OpenAI-compatible servers (required) or proxies", access: "admin", body: createCredentialSchema, response: { status: 201, schema: R.CredentialSchema }, errors: [409] },
  { method: "patch", path: "/api/v1/credentials/{id}", tag: "Credentials", summary: "Rename, rotate the secret (write-only), change or clear (null) the base URL", access: "admin", body: updateCredentialSchema, response: { status: 200, schema: R.CredentialSchema }, errors: [409] },
  { method: "delete", path: "/api/v1/credentials/{id}", tag: "Credentials", summary: "Delete; 409 naming the workflows and knowledge bases that use it, unless ?force=true", access: "admin", query: forceDeleteQuerySchema, response: { status: 204 }, errors: [409] },
  { method: "get", path: "/api/v1/credentials/{id}/usage", tag: "Credentials", summary: "Workflows whose draft or active version uses the credential, with the node ids, and knowledge bases that embed with it", access: "admin", response: { status: 200, schema: R.CredentialUsageListSchema } },
  { method: "post", path: "/api/v1/credentials/{id}/test", tag: "Credentials", summary: "Test a model credential: one cheap call to the provider (list models, no tokens) through the outbound policy; a refused key is 200 with ok: false and a readable message; 409 for HTTP tokens", access: "admin", response: { status: 200, schema: R.CredentialTestSchema }, errors: [409, 429] },
];

const STANDARD_ERRORS: Record<number, string> = {
  400: "Malformed or invalid input (errors lists each field)",
  401: "No or invalid credentials",
  403: "Role too low",
  404: "Missing, or in another workspace",
  409: "Conflict with the current state",
  413: "Body too large",
  415: "Body is not JSON",
  422: "The workflow graph cannot run",
  429: "Rate limited (Retry-After)",
};

function toOperation(operation: Operation): ZodOpenApiOperationObject {
  const pathNames = [...operation.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!);
  const errors = new Set([...(operation.access === "public" ? [] : [401, 403]), ...(pathNames.length ? [404] : []), ...(operation.body ? [400, 413, 415] : []), ...(operation.query ? [400] : []), ...(operation.errors ?? [])]);
  const problem = { "application/problem+json": { schema: R.ProblemSchema } };
  const { response } = operation;
  return {
    tags: [operation.tag],
    summary: operation.summary,
    operationId: `${operation.method}${operation.path.replace(/^\/api(\/v1)?/, "").replace(/\{(\w+)\}/g, "By_$1").replace(/[^A-Za-z0-9]+(.)?/g, (_, char: string | undefined) => (char ?? "").toUpperCase())}`,
    "x-min-role": operation.access,
    ...(operation.access === "public" ? { security: [] } : {}),
    requestParams: { ...(pathNames.length ? { path: z.object(Object.fromEntries(pathNames.map((name) => [name, z.string()]))) } : {}), ...(operation.query ? { query: operation.query } : {}) },
    // No body reads as {} (lib/http/route.ts): the body is optional when {} is valid.
    ...(operation.body ? { requestBody: { required: !operation.body.safeParse({}).success, content: { "application/json": { schema: operation.body }, ...(operation.upload ? { "multipart/form-data": { schema: operation.upload } } : {}) } } } : {}),
    responses: {
      [String(response?.status ?? 200)]: {
        description: response?.description ?? (response?.status === 204 ? "Done, no content" : "OK"),
        ...(response?.schema ? { content: { [response.contentType ?? "application/json"]: { schema: response.schema } } } : response?.contentType ? { content: { [response.contentType]: { schema: z.string() } } } : {}),
      },
      ...Object.fromEntries([...errors].sort().map((status) => [String(status), { description: STANDARD_ERRORS[status]!, content: problem }])),
    },
  } as ZodOpenApiOperationObject;
}

let cached: ReturnType<typeof createDocument> | undefined;

/** The OpenAPI 3.1 document of the REST API, generated from the zod schemas the routes use. */
export function buildOpenApiDocument() {
  if (cached) return cached;
  const paths: ZodOpenApiPathsObject = {};
  for (const operation of OPERATIONS) {
    paths[operation.path] ??= {};
    (paths[operation.path] as Record<string, ZodOpenApiOperationObject>)[operation.method] = toOperation(operation);
  }
  cached = createDocument({
    openapi: "3.1.0",
    info: { title: "Agentry API", version: "1.0.0", description: "Build, run and operate AI agent workflows. Authenticate with `Authorization: Bearer <api key>` or the browser session. Errors are RFC 9457 problem+json. Lists: `?limit=&cursor=` → `{ items, nextCursor }`." },
    servers: [{ url: "/" }],
    security: [{ apiKey: [] }, { session: [] }],
    components: {
      securitySchemes: {
        apiKey: { type: "http", scheme: "bearer", description: "A workspace API key (Settings → API keys)" },
        session: { type: "apiKey", in: "cookie", name: "authjs.session-token", description: "The studio's session" },
      },
    },
    paths,
  });
  return cached;
}
