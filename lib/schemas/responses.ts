import { z } from "zod";
import { RoleSchema } from "@/lib/auth/roles";
import { EXECUTION_STATUSES } from "@/lib/schemas/execution";
import { WorkflowGraphSchema } from "@/lib/schemas/workflow";

// The shapes the REST API answers with (documented in /api/openapi.json).
const timestamp = z.iso.datetime();

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string(), nodeId: z.string().optional(), edgeId: z.string().optional() })).optional(),
    errorId: z.string().optional(),
  })
  .meta({ id: "Problem", description: "RFC 9457 problem details (application/problem+json)." });

export const page = <T extends z.ZodType>(item: T, id: string) => z.object({ items: z.array(item), nextCursor: z.string().nullable() }).meta({ id });
export const list = <T extends z.ZodType>(item: T, id: string) => z.object({ items: z.array(item) }).meta({ id });

export const WorkflowSummarySchema = z
  .object({ id: z.string(), name: z.string(), description: z.string(), draftRevision: z.number().int(), activeVersion: z.number().int().nullable(), createdAt: timestamp, updatedAt: timestamp })
  .meta({ id: "WorkflowSummary" });
export const WorkflowSchema = WorkflowSummarySchema.extend({ graph: WorkflowGraphSchema }).meta({ id: "Workflow" });
export const WorkflowVersionSchema = z.object({ id: z.string(), version: z.number().int(), note: z.string(), createdAt: timestamp, active: z.boolean().optional() }).meta({ id: "WorkflowVersion" });

const ExecutionStatusSchema = z.enum(EXECUTION_STATUSES).meta({ id: "ExecutionStatus" });
export const ExecutionAcceptedSchema = z.object({ id: z.string(), status: ExecutionStatusSchema, eventsUrl: z.string() }).meta({ id: "ExecutionAccepted" });
const UsageSchema = z.object({ inputTokens: z.number().int(), outputTokens: z.number().int(), costUsd: z.number() });
export const ExecutionSummarySchema = z
  .object({
    id: z.string(), workflowId: z.string(), workflowName: z.string(), version: z.number().int(), status: ExecutionStatusSchema, trigger: z.string(), error: z.string().nullable(),
    inputTokens: z.number().int(), outputTokens: z.number().int(), costUsd: z.number(), createdAt: timestamp, startedAt: timestamp.nullable(), finishedAt: timestamp.nullable(),
  })
  .meta({ id: "ExecutionSummary" });
export const NodeRunSchema = z
  .object({
    key: z.string(), nodeId: z.string(),
    kind: z.enum(["node", "turn", "tool"]).meta({ description: "A node's run, or one model turn or tool call of an agent node (its trace)" }),
    status: z.enum(["running", "completed", "failed"]), input: z.unknown(), output: z.unknown(), error: z.string().nullable(), attempts: z.number().int(),
    inputTokens: z.number().int(), outputTokens: z.number().int(), costUsd: z.number(), model: z.string().nullable(), startedAt: timestamp, finishedAt: timestamp.nullable(),
    reused: z.boolean().meta({ description: "Copied from the replayed execution (replay from a node), not run in this one" }),
    errorHandled: z.boolean().meta({ description: "The node failed (`error`) and its On error setting let the run go on: its output is { error: { message } }" }),
  })
  .meta({ id: "NodeRun" });
export const ExecutionSchema = z
  .object({
    id: z.string(), workflowId: z.string(), version: z.number().int(), status: ExecutionStatusSchema, trigger: z.string(), input: z.unknown(), output: z.unknown(), error: z.string().nullable(),
    failedNodeId: z.string().nullable(), budget: z.unknown(), usage: UsageSchema, createdAt: timestamp, startedAt: timestamp.nullable(), finishedAt: timestamp.nullable(),
    cancelRequestedAt: timestamp.nullable(), nodeRuns: z.array(NodeRunSchema), eventsUrl: z.string(),
    replayOfId: z.string().nullable().meta({ description: "The execution this one replays from a node" }), replayFromNodeId: z.string().nullable(),
  })
  .meta({ id: "Execution" });

export const WorkspaceSchema = z.object({ id: z.string(), name: z.string(), role: RoleSchema }).meta({ id: "Workspace" });
export const MemberSchema = z.object({ userId: z.string(), email: z.string().nullable(), name: z.string().nullable(), role: RoleSchema, joinedAt: timestamp }).meta({ id: "Member" });
export const InvitationSchema = z.object({ id: z.string(), email: z.string(), role: RoleSchema, status: z.enum(["pending", "expired", "revoked", "accepted"]), expiresAt: timestamp, lastSentAt: timestamp, createdAt: timestamp }).meta({ id: "Invitation" });
export const ApiKeySchema = z.object({ id: z.string(), name: z.string(), prefix: z.string(), role: RoleSchema, createdAt: timestamp, lastUsedAt: timestamp.nullable() }).meta({ id: "ApiKey" });
export const CreatedApiKeySchema = ApiKeySchema.extend({ key: z.string().meta({ description: "Shown once; store it now." }) }).meta({ id: "CreatedApiKey" });
const KnowledgeBaseUseSchema = z.object({ knowledgeBaseId: z.string(), name: z.string() }).meta({ id: "KnowledgeBaseUse" });
export const CredentialSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    provider: z.string(),
    createdAt: timestamp,
    updatedAt: timestamp,
    baseUrl: z.string().nullable().optional().meta({ description: "Admins only" }),
    lastUsedAt: timestamp.nullable().optional().meta({ description: "Admins only: when a run last read the secret (minute precision)" }),
    rotatedAt: timestamp.nullable().optional().meta({ description: "Admins only: when the secret was last replaced" }),
    usedBy: z.array(z.object({ workflowId: z.string(), workflowName: z.string() })).optional().meta({ description: "Admins only (lists): workflows whose draft or active version uses it" }),
    usedByKnowledgeBases: z.array(KnowledgeBaseUseSchema).optional().meta({ description: "Admins only (lists): knowledge bases that embed with it" }),
  })
  .meta({ id: "Credential", description: "Never contains the secret." });
export const CredentialUsageSchema = z
  .object({ credentialId: z.string(), workflowId: z.string(), workflowName: z.string(), draftNodeIds: z.array(z.string()), activeNodeIds: z.array(z.string()) })
  .meta({ id: "CredentialUsage" });
export const CredentialUsageListSchema = z
  .object({ items: z.array(CredentialUsageSchema), knowledgeBases: z.array(KnowledgeBaseUseSchema).meta({ description: "Knowledge bases that embed with it" }) })
  .meta({ id: "CredentialUsageList" });
export const CredentialTestSchema = z
  .object({
    ok: z.boolean(),
    message: z.string().meta({ description: "What happened, for people: e.g. the key was refused (401), nothing at the base URL (404), no answer in time" }),
    reason: z.enum(["unauthorized", "forbidden", "not_found", "rate_limited", "server_error", "refused", "timeout", "unreachable", "blocked", "invalid"]).optional(),
    status: z.number().int().optional().meta({ description: "The provider's HTTP status, when it answered" }),
    models: z.number().int().optional(),
    testedAt: timestamp,
  })
  .meta({ id: "CredentialTest" });
export const ActivityEntrySchema = z
  .object({ id: z.string(), action: z.string(), targetType: z.string().nullable(), targetId: z.string().nullable(), data: z.unknown(), createdAt: timestamp, actorUserId: z.string().nullable(), actorApiKeyId: z.string().nullable(), actorEmail: z.string().nullable() })
  .meta({ id: "ActivityEntry" });
export const NodeTypeSchema = z
  .object({ type: z.string(), category: z.string(), label: z.string(), description: z.string(), outputs: z.union([z.array(z.string()), z.literal("dynamic")]), configSchema: z.record(z.string(), z.unknown()) })
  .meta({ id: "NodeType" });
export const TriggerSchema = z
  .union([
    z.object({ id: z.string(), nodeId: z.string(), type: z.literal("webhook"), url: z.string(), secret: z.string(), enabled: z.boolean() }),
    z.object({
      id: z.string(),
      nodeId: z.string(),
      type: z.literal("schedule"),
      cron: z.string().nullable(),
      timezone: z.string().nullable(),
      description: z.string().meta({ description: 'The cron in words, e.g. "At 09:00, Monday through Friday (Europe/Paris)"' }),
      nextRunAt: timestamp.nullable().meta({ description: "null while paused" }),
      nextRunTimes: z.array(timestamp).meta({ description: "The next 5 run times (empty while paused)" }),
      lastFiredAt: timestamp.nullable(),
      enabled: z.boolean(),
    }),
  ])
  .meta({ id: "Trigger" });
export const WebhookOutcomeSchema = z.object({ id: z.string(), status: ExecutionStatusSchema, output: z.unknown(), error: z.string().nullable() }).meta({ id: "WebhookOutcome" });

export const ConversationSummarySchema = z
  .object({ id: z.string(), key: z.string().meta({ description: "The id the agent's conversation expression gave it" }), messageCount: z.number().int(), createdAt: timestamp, updatedAt: timestamp })
  .meta({ id: "ConversationSummary" });
export const ConversationSchema = z
  .object({
    id: z.string(), key: z.string(), createdAt: timestamp, updatedAt: timestamp,
    messages: z.array(z.object({ id: z.string(), role: z.enum(["user", "assistant"]), content: z.string(), executionId: z.string().nullable(), createdAt: timestamp })),
  })
  .meta({ id: "Conversation" });
