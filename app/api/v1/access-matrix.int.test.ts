import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Role } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { createTeam, call, uniqueEmail } from "@/scripts/testing/fixtures";
import { asJson, gedge, ggraph, gnode } from "@/scripts/testing/workflow-fixtures";
import * as activity from "@/app/api/v1/activity/route";
import * as analytics from "@/app/api/v1/analytics/summary/route";
import * as apiKeys from "@/app/api/v1/api-keys/route";
import * as apiKey from "@/app/api/v1/api-keys/[id]/route";
import * as conversations from "@/app/api/v1/conversations/route";
import * as conversation from "@/app/api/v1/conversations/[id]/route";
import * as knowledgeBases from "@/app/api/v1/knowledge-bases/route";
import * as knowledgeBase from "@/app/api/v1/knowledge-bases/[id]/route";
import * as knowledgeDocuments from "@/app/api/v1/knowledge-bases/[id]/documents/route";
import * as knowledgeDocument from "@/app/api/v1/knowledge-bases/[id]/documents/[documentId]/route";
import * as knowledgeChunks from "@/app/api/v1/knowledge-bases/[id]/documents/[documentId]/chunks/route";
import * as knowledgeReingest from "@/app/api/v1/knowledge-bases/[id]/documents/[documentId]/reingest/route";
import * as knowledgeSearch from "@/app/api/v1/knowledge-bases/[id]/search/route";
import * as credentials from "@/app/api/v1/credentials/route";
import * as credential from "@/app/api/v1/credentials/[id]/route";
import * as credentialTest from "@/app/api/v1/credentials/[id]/test/route";
import * as credentialUsage from "@/app/api/v1/credentials/[id]/usage/route";
import * as mcpConnections from "@/app/api/v1/mcp-connections/route";
import * as mcpConnection from "@/app/api/v1/mcp-connections/[id]/route";
import * as mcpConnectionTest from "@/app/api/v1/mcp-connections/[id]/test/route";
import * as executions from "@/app/api/v1/executions/route";
import * as execution from "@/app/api/v1/executions/[id]/route";
import * as approval from "@/app/api/v1/executions/[id]/approvals/[nodeId]/route";
import * as cancel from "@/app/api/v1/executions/[id]/cancel/route";
import * as events from "@/app/api/v1/executions/[id]/events/route";
import * as retry from "@/app/api/v1/executions/[id]/retry/route";
import * as replay from "@/app/api/v1/executions/[id]/replay/route";
import * as testNode from "@/app/api/v1/workflows/[id]/nodes/[nodeId]/test/route";
import * as invitations from "@/app/api/v1/invitations/route";
import * as invitation from "@/app/api/v1/invitations/[id]/route";
import * as resend from "@/app/api/v1/invitations/[id]/resend/route";
import * as members from "@/app/api/v1/members/route";
import * as member from "@/app/api/v1/members/[userId]/route";
import * as nodes from "@/app/api/v1/nodes/route";
import * as workflows from "@/app/api/v1/workflows/route";
import * as workflow from "@/app/api/v1/workflows/[id]/route";
import * as start from "@/app/api/v1/workflows/[id]/executions/route";
import * as publish from "@/app/api/v1/workflows/[id]/publish/route";
import * as triggers from "@/app/api/v1/workflows/[id]/triggers/route";
import * as trigger from "@/app/api/v1/workflows/[id]/triggers/[triggerId]/route";
import * as rotateSecret from "@/app/api/v1/workflows/[id]/triggers/[triggerId]/rotate-secret/route";
import * as approvals from "@/app/api/v1/approvals/route";
import * as approvalsStream from "@/app/api/v1/approvals/stream/route";
import { sealSecret } from "@/lib/credentials/secret-box";
import * as versions from "@/app/api/v1/workflows/[id]/versions/route";
import * as activate from "@/app/api/v1/workflows/[id]/versions/[version]/activate/route";
import * as workspaces from "@/app/api/v1/workspaces/route";
import * as workspace from "@/app/api/v1/workspaces/[id]/route";
import * as activeWorkspace from "@/app/api/v1/workspaces/active/route";
import * as transfer from "@/app/api/v1/workspaces/[id]/transfer/route";

type Team = Awaited<ReturnType<typeof createTeam>>;
type Ctx = {
  team: Team;
  as: { cookie: string };
  self: string;
  targetId: string;
  workflowId: string;
  invitationId: string;
  apiKeyId: string;
  credentialId: string;
  modelCredentialId: string;
  mcpConnectionId: string;
  endedId: string;
  waitingId: string;
  webhookId: string;
  conversationId: string;
  knowledgeBaseId: string;
  knowledgeDocumentId: string;
};

const everyone: Role[] = ["owner", "admin", "editor", "viewer"];
const editors: Role[] = ["owner", "admin", "editor"];
const admins: Role[] = ["owner", "admin"];
const owners: Role[] = ["owner"];

/**
 * The expected matrix, written out: every route under app/api/v1 that acts in a workspace, and
 * the roles that may call it. Literal on purpose — it is checked against the code, not derived
 * from it (lib/auth/roles, lib/auth/permissions). Public routes (webhooks) and routes of the
 * signed-in user rather than a workspace (accepting an invitation) are tested in their own files.
 */
const MATRIX: { route: string; name: string; allowed: Role[]; run: (ctx: Ctx) => ReturnType<typeof call> }[] = [
  // Workspaces
  { route: "GET workspaces", name: "list their workspaces", allowed: everyone, run: ({ as }) => call(workspaces.GET, { as }) },
  { route: "POST workspaces", name: "create a workspace", allowed: everyone, run: ({ as }) => call(workspaces.POST, { as, body: { name: "Another" } }) },
  { route: "GET workspaces/[id]", name: "read the workspace", allowed: everyone, run: ({ as, team }) => call(workspace.GET, { as, params: { id: team.workspace.id } }) },
  { route: "PUT workspaces/active", name: "switch to the workspace", allowed: everyone, run: ({ as, team }) => call(activeWorkspace.PUT, { method: "PUT", as, body: { workspaceId: team.workspace.id } }) },
  { route: "PATCH workspaces/[id]", name: "rename the workspace", allowed: admins, run: ({ as, team }) => call(workspace.PATCH, { method: "PATCH", as, params: { id: team.workspace.id }, body: { name: "Renamed" } }) },
  { route: "POST workspaces/[id]/transfer", name: "transfer ownership", allowed: owners, run: ({ as, team, targetId }) => call(transfer.POST, { as, params: { id: team.workspace.id }, body: { userId: targetId } }) },
  { route: "DELETE workspaces/[id]", name: "delete the workspace", allowed: owners, run: ({ as, team }) => call(workspace.DELETE, { method: "DELETE", as, params: { id: team.workspace.id } }) },
  // Members and invitations
  { route: "GET members", name: "list members", allowed: everyone, run: ({ as }) => call(members.GET, { as }) },
  { route: "PATCH members/[userId]", name: "change a role", allowed: admins, run: ({ as, targetId }) => call(member.PATCH, { method: "PATCH", as, params: { userId: targetId }, body: { role: "viewer" } }) },
  { route: "DELETE members/[userId]", name: "remove a member", allowed: admins, run: ({ as, targetId }) => call(member.DELETE, { method: "DELETE", as, params: { userId: targetId } }) },
  { route: "DELETE members/[userId]", name: "leave the workspace", allowed: everyone, run: ({ as, self }) => call(member.DELETE, { method: "DELETE", as, params: { userId: self } }) },
  { route: "GET invitations", name: "list invitations", allowed: admins, run: ({ as }) => call(invitations.GET, { as }) },
  { route: "POST invitations", name: "invite", allowed: admins, run: ({ as }) => call(invitations.POST, { as, body: { email: uniqueEmail("invitee"), role: "editor" } }) },
  { route: "POST invitations/[id]/resend", name: "resend an invitation", allowed: admins, run: ({ as, invitationId }) => call(resend.POST, { as, params: { id: invitationId } }) },
  { route: "DELETE invitations/[id]", name: "revoke an invitation", allowed: admins, run: ({ as, invitationId }) => call(invitation.DELETE, { method: "DELETE", as, params: { id: invitationId } }) },
  // API keys, credentials, activity
  { route: "GET api-keys", name: "list API keys", allowed: admins, run: ({ as }) => call(apiKeys.GET, { as }) },
  { route: "POST api-keys", name: "create an API key", allowed: admins, run: ({ as }) => call(apiKeys.POST, { as, body: { name: "ci", role: "viewer" } }) },
  { route: "DELETE api-keys/[id]", name: "revoke an API key", allowed: admins, run: ({ as, apiKeyId }) => call(apiKey.DELETE, { method: "DELETE", as, params: { id: apiKeyId } }) },
  { route: "GET credentials", name: "list credentials (no secrets)", allowed: everyone, run: ({ as }) => call(credentials.GET, { as }) },
  { route: "POST credentials", name: "create a credential", allowed: admins, run: ({ as }) => call(credentials.POST, { as, body: { name: "Key", provider: "http", secret: "s3cret" } }) },
  { route: "PATCH credentials/[id]", name: "rename a credential", allowed: admins, run: ({ as, credentialId }) => call(credential.PATCH, { method: "PATCH", as, params: { id: credentialId }, body: { name: "Renamed" } }) },
  { route: "GET credentials/[id]/usage", name: "see where a credential is used", allowed: admins, run: ({ as, credentialId }) => call(credentialUsage.GET, { as, params: { id: credentialId } }) },
  { route: "POST credentials/[id]/test", name: "test a model credential", allowed: admins, run: ({ as, modelCredentialId }) => call(credentialTest.POST, { as, params: { id: modelCredentialId } }) },
  { route: "DELETE credentials/[id]", name: "delete a credential", allowed: admins, run: ({ as, credentialId }) => call(credential.DELETE, { method: "DELETE", as, params: { id: credentialId } }) },
  { route: "GET mcp-connections", name: "list MCP connections (no header values)", allowed: everyone, run: ({ as }) => call(mcpConnections.GET, { as }) },
  { route: "GET mcp-connections/[id]", name: "read an MCP connection", allowed: everyone, run: ({ as, mcpConnectionId }) => call(mcpConnection.GET, { as, params: { id: mcpConnectionId } }) },
  { route: "POST mcp-connections", name: "add an MCP connection", allowed: admins, run: ({ as }) => call(mcpConnections.POST, { as, body: { name: "Tools", url: "https://mcp.example.com/mcp", token: "t0ken" } }) },
  { route: "PATCH mcp-connections/[id]", name: "rename an MCP connection", allowed: admins, run: ({ as, mcpConnectionId }) => call(mcpConnection.PATCH, { method: "PATCH", as, params: { id: mcpConnectionId }, body: { name: "Renamed" } }) },
  { route: "POST mcp-connections/[id]/test", name: "test an MCP connection", allowed: admins, run: ({ as, mcpConnectionId }) => call(mcpConnectionTest.POST, { as, params: { id: mcpConnectionId } }) },
  { route: "DELETE mcp-connections/[id]", name: "delete an MCP connection", allowed: admins, run: ({ as, mcpConnectionId }) => call(mcpConnection.DELETE, { method: "DELETE", as, params: { id: mcpConnectionId } }) },
  { route: "GET activity", name: "read the activity log", allowed: admins, run: ({ as }) => call(activity.GET, { as }) },
  { route: "GET analytics/summary", name: "read the analytics", allowed: everyone, run: ({ as }) => call(analytics.GET, { as }) },
  // Workflows
  { route: "GET nodes", name: "list node types", allowed: everyone, run: ({ as }) => call(nodes.GET, { as }) },
  { route: "GET workflows", name: "list workflows", allowed: everyone, run: ({ as }) => call(workflows.GET, { as }) },
  { route: "GET workflows/[id]", name: "read a workflow", allowed: everyone, run: ({ as, workflowId }) => call(workflow.GET, { as, params: { id: workflowId } }) },
  { route: "POST workflows", name: "create a workflow", allowed: editors, run: ({ as }) => call(workflows.POST, { as, body: { name: "New" } }) },
  { route: "PATCH workflows/[id]", name: "edit a workflow", allowed: editors, run: ({ as, workflowId }) => call(workflow.PATCH, { method: "PATCH", as, params: { id: workflowId }, body: { name: "Renamed" } }) },
  { route: "DELETE workflows/[id]", name: "delete a workflow", allowed: editors, run: ({ as, workflowId }) => call(workflow.DELETE, { method: "DELETE", as, params: { id: workflowId } }) },
  { route: "POST workflows/[id]/publish", name: "publish a workflow", allowed: editors, run: ({ as, workflowId }) => call(publish.POST, { as, params: { id: workflowId }, body: {} }) },
  { route: "GET workflows/[id]/versions", name: "list versions", allowed: everyone, run: ({ as, workflowId }) => call(versions.GET, { as, params: { id: workflowId } }) },
  { route: "POST workflows/[id]/versions/[version]/activate", name: "activate a version", allowed: editors, run: ({ as, workflowId }) => call(activate.POST, { as, params: { id: workflowId, version: "1" } }) },
  { route: "GET workflows/[id]/triggers", name: "list triggers (with webhook secrets)", allowed: editors, run: ({ as, workflowId }) => call(triggers.GET, { as, params: { id: workflowId } }) },
  { route: "PATCH workflows/[id]/triggers/[triggerId]", name: "pause a trigger", allowed: editors, run: ({ as, workflowId, webhookId }) => call(trigger.PATCH, { method: "PATCH", as, params: { id: workflowId, triggerId: webhookId }, body: { enabled: false } }) },
  { route: "POST workflows/[id]/triggers/[triggerId]/rotate-secret", name: "rotate a webhook secret", allowed: editors, run: ({ as, workflowId, webhookId }) => call(rotateSecret.POST, { as, params: { id: workflowId, triggerId: webhookId } }) },
  // Executions
  { route: "POST workflows/[id]/executions", name: "start an execution", allowed: editors, run: ({ as, workflowId }) => call(start.POST, { as, params: { id: workflowId }, body: {} }) },
  { route: "GET executions", name: "list executions", allowed: everyone, run: ({ as }) => call(executions.GET, { as }) },
  { route: "GET executions/[id]", name: "read an execution", allowed: everyone, run: ({ as, endedId }) => call(execution.GET, { as, params: { id: endedId } }) },
  { route: "GET executions/[id]/events", name: "stream an execution's events", allowed: everyone, run: ({ as, endedId }) => call(events.GET, { as, params: { id: endedId } }) },
  { route: "POST executions/[id]/cancel", name: "cancel an execution", allowed: editors, run: ({ as, waitingId }) => call(cancel.POST, { as, params: { id: waitingId } }) },
  { route: "POST executions/[id]/retry", name: "retry an execution", allowed: editors, run: ({ as, endedId }) => call(retry.POST, { as, params: { id: endedId } }) },
  { route: "POST executions/[id]/replay", name: "replay an execution from a node", allowed: editors, run: ({ as, endedId }) => call(replay.POST, { as, params: { id: endedId }, body: { fromNodeId: "out" } }) },
  { route: "POST workflows/[id]/nodes/[nodeId]/test", name: "test one node", allowed: editors, run: ({ as, workflowId }) => call(testNode.POST, { as, params: { id: workflowId, nodeId: "out" }, body: {} }) },
  // Agents' memory
  { route: "GET conversations", name: "list conversations", allowed: everyone, run: ({ as }) => call(conversations.GET, { as }) },
  { route: "GET conversations/[id]", name: "read a conversation", allowed: everyone, run: ({ as, conversationId }) => call(conversation.GET, { as, params: { id: conversationId } }) },
  { route: "DELETE conversations/[id]", name: "delete a conversation", allowed: editors, run: ({ as, conversationId }) => call(conversation.DELETE, { method: "DELETE", as, params: { id: conversationId } }) },
  // Knowledge bases: viewers read and search, editors manage
  { route: "GET knowledge-bases", name: "list knowledge bases", allowed: everyone, run: ({ as }) => call(knowledgeBases.GET, { as }) },
  { route: "POST knowledge-bases", name: "create a knowledge base", allowed: editors, run: ({ as }) => call(knowledgeBases.POST, { as, body: { name: "Another KB" } }) },
  { route: "GET knowledge-bases/[id]", name: "read a knowledge base", allowed: everyone, run: ({ as, knowledgeBaseId }) => call(knowledgeBase.GET, { as, params: { id: knowledgeBaseId } }) },
  { route: "PATCH knowledge-bases/[id]", name: "rename a knowledge base", allowed: editors, run: ({ as, knowledgeBaseId }) => call(knowledgeBase.PATCH, { method: "PATCH", as, params: { id: knowledgeBaseId }, body: { name: "Renamed KB" } }) },
  { route: "DELETE knowledge-bases/[id]", name: "delete a knowledge base", allowed: editors, run: ({ as, knowledgeBaseId }) => call(knowledgeBase.DELETE, { method: "DELETE", as, params: { id: knowledgeBaseId } }) },
  { route: "GET knowledge-bases/[id]/documents", name: "list documents", allowed: everyone, run: ({ as, knowledgeBaseId }) => call(knowledgeDocuments.GET, { as, params: { id: knowledgeBaseId } }) },
  { route: "POST knowledge-bases/[id]/documents", name: "add a document", allowed: editors, run: ({ as, knowledgeBaseId }) => call(knowledgeDocuments.POST, { as, params: { id: knowledgeBaseId }, body: { name: "Pasted", text: "Some text." } }) },
  { route: "GET knowledge-bases/[id]/documents/[documentId]", name: "read a document", allowed: everyone, run: ({ as, knowledgeBaseId, knowledgeDocumentId }) => call(knowledgeDocument.GET, { as, params: { id: knowledgeBaseId, documentId: knowledgeDocumentId } }) },
  { route: "GET knowledge-bases/[id]/documents/[documentId]/chunks", name: "read a document's chunks", allowed: everyone, run: ({ as, knowledgeBaseId, knowledgeDocumentId }) => call(knowledgeChunks.GET, { as, params: { id: knowledgeBaseId, documentId: knowledgeDocumentId } }) },
  { route: "POST knowledge-bases/[id]/documents/[documentId]/reingest", name: "re-ingest a document", allowed: editors, run: ({ as, knowledgeBaseId, knowledgeDocumentId }) => call(knowledgeReingest.POST, { as, params: { id: knowledgeBaseId, documentId: knowledgeDocumentId } }) },
  { route: "DELETE knowledge-bases/[id]/documents/[documentId]", name: "delete a document", allowed: editors, run: ({ as, knowledgeBaseId, knowledgeDocumentId }) => call(knowledgeDocument.DELETE, { method: "DELETE", as, params: { id: knowledgeBaseId, documentId: knowledgeDocumentId } }) },
  { route: "POST knowledge-bases/[id]/search", name: "search a knowledge base", allowed: everyone, run: ({ as, knowledgeBaseId }) => call(knowledgeSearch.POST, { as, params: { id: knowledgeBaseId }, body: { query: "seeded" } }) },
  { route: "GET approvals", name: "list waiting approvals", allowed: everyone, run: ({ as }) => call(approvals.GET, { as }) },
  { route: "GET approvals/stream", name: "follow waiting approvals live", allowed: everyone, run: ({ as }) => openEndlessStream(approvalsStream.GET, as) },
  { route: "POST executions/[id]/approvals/[nodeId]", name: "decide an approval", allowed: editors, run: ({ as, waitingId }) => call(approval.POST, { as, params: { id: waitingId, nodeId: "review" }, body: { approved: true } }) },
];

/** A stream that never ends on its own: its status and headers, then the client hangs up. */
async function openEndlessStream(handler: typeof approvalsStream.GET, as: { cookie: string }): ReturnType<typeof call> {
  const response = await handler(new Request("http://agentry.test/api/v1/x", { headers: as.cookie ? { cookie: as.cookie } : {} }));
  if (response.headers.get("content-type")?.startsWith("text/event-stream")) {
    await response.body?.cancel();
    return { status: response.status, body: null, headers: response.headers };
  }
  return { status: response.status, body: await response.json(), headers: response.headers };
}

// Routes outside the role matrix, with the file that tests their access instead.
const NOT_IN_MATRIX = [
  "POST hooks/[triggerId]", // public: the trigger's secret (triggers.int.test.ts)
  "PUT hooks/[triggerId]",
  "GET hooks/[triggerId]",
  "POST invitations/accept", // the signed-in user, before membership (invitations.int.test.ts)
  "POST approvals/confirm", // the member an emailed approval link names (approvals.int.test.ts)
];

const graph = ggraph([gnode("start", "trigger.manual"), gnode("review", "human.approval"), gnode("out", "flow.output", { name: "r", value: "done" })], [gedge("start", "review"), gedge("review", "out", "approved")]);

async function setUp(role: Role): Promise<Ctx> {
  // The acting member, plus an editor to act on. The owner seeds what the actions act on.
  const team = await createTeam(role === "owner" ? ["owner", "editor"] : [role, "editor"]);
  const ownerAs = { cookie: team.owner.cookie };
  const created = await call(workflows.POST, { as: ownerAs, body: { name: "Seeded", graph } });
  expect((await call(publish.POST, { as: ownerAs, params: { id: created.body.id }, body: {} })).status).toBe(201);
  const invited = await call(invitations.POST, { as: ownerAs, body: { email: uniqueEmail("pending"), role: "viewer" } });
  const key = await call(apiKeys.POST, { as: ownerAs, body: { name: "seeded", role: "viewer" } });
  const secret = await call(credentials.POST, { as: ownerAs, body: { name: "Seeded", provider: "http", secret: "seeded-secret" } });
  // A model server that is not there: a test answers 200 with ok: false, without leaving the host.
  const model = await call(credentials.POST, { as: ownerAs, body: { name: "Local model", provider: "openai-compatible", baseUrl: "http://127.0.0.1:9/v1" } });
  expect(model.status, JSON.stringify(model.body)).toBe(201);
  // An MCP server that is not there (port 9 on loopback, refused by the outbound policy): a test answers 200 with ok: false.
  const mcp = await call(mcpConnections.POST, { as: ownerAs, body: { name: "Local MCP", url: "http://127.0.0.1:9/mcp" } });
  expect(mcp.status, JSON.stringify(mcp.body)).toBe(201);
  // Executions seeded as rows: one ended (with its terminal event), one waiting on "review",
  // leased far ahead by someone else so that no worker picks either up.
  const db = getDb();
  const version = await db.workflowVersion.findFirstOrThrow({ where: { workflowId: created.body.id, version: 1 } });
  const base = { workspaceId: team.workspace.id, workflowId: created.body.id, versionId: version.id, version: 1, input: {}, leaseOwner: "elsewhere", leaseExpiresAt: new Date(Date.now() + 3600_000) };
  const ended = await db.execution.create({ data: { ...base, status: "completed", output: { r: "done" }, finishedAt: new Date(), leaseOwner: null, leaseExpiresAt: null } });
  await db.executionEvent.create({ data: { executionId: ended.id, seq: 1, type: "execution.completed", data: asJson(ggraph([], [])) } });
  const waiting = await db.execution.create({ data: { ...base, status: "waiting", startedAt: new Date() } });
  const webhookId = crypto.randomUUID();
  await db.trigger.create({ data: { id: webhookId, workspaceId: team.workspace.id, workflowId: created.body.id, nodeId: "hook", type: "webhook", secret: sealSecret("seeded-webhook-secret", webhookId) } });
  const remembered = await db.conversation.create({ data: { workspaceId: team.workspace.id, key: "thread-1", messages: { create: [{ role: "user", content: "hi" }] } } });
  const seededKb = await db.knowledgeBase.create({ data: { workspaceId: team.workspace.id, name: "Seeded KB" } });
  const seededDocument = await db.knowledgeDocument.create({
    data: { workspaceId: team.workspace.id, knowledgeBaseId: seededKb.id, name: "seeded.txt", sourceType: "text", mimeType: "text/plain", status: "ready", progress: 1, file: { create: { bytes: new Uint8Array(Buffer.from("A seeded passage.")) } } },
  });
  const acting = team.members[0]!;
  return {
    team,
    as: { cookie: acting.cookie },
    self: acting.id,
    targetId: team.members[1]!.id,
    workflowId: created.body.id,
    invitationId: invited.body.id,
    apiKeyId: key.body.id,
    credentialId: secret.body.id,
    modelCredentialId: model.body.id,
    mcpConnectionId: mcp.body.id,
    endedId: ended.id,
    waitingId: waiting.id,
    webhookId,
    conversationId: remembered.id,
    knowledgeBaseId: seededKb.id,
    knowledgeDocumentId: seededDocument.id,
  };
}

describe("the role × action matrix", () => {
  for (const role of ["owner", "admin", "editor", "viewer"] as const) {
    describe(`as ${role}`, () => {
      for (const action of MATRIX) {
        const allowed = action.allowed.includes(role);
        it(`${allowed ? "may" : "may not"} ${action.name}`, async () => {
          const result = await action.run(await setUp(role));
          if (allowed) {
            expect(result.status, JSON.stringify(result.body)).toBeLessThan(300);
          } else {
            expect(result.status, JSON.stringify(result.body)).toBe(403);
            expect(result.headers.get("content-type")).toBe("application/problem+json");
          }
        });
      }
    });
  }

  it("covers every workspace route under app/api/v1 (a new route must be added here)", () => {
    const root = path.join(import.meta.dirname);
    const routes = fs
      .readdirSync(root, { recursive: true, encoding: "utf8" })
      .filter((file) => file.endsWith(`${path.sep}route.ts`) || file === "route.ts")
      .flatMap((file) => {
        const dir = path.dirname(file).split(path.sep).join("/");
        const source = fs.readFileSync(path.join(root, file), "utf8");
        return [...source.matchAll(/^export const (GET|POST|PUT|PATCH|DELETE)\b/gm)].map((match) => `${match[1]} ${dir}`);
      });
    expect(routes.length).toBeGreaterThan(30);
    expect(routes.filter((route) => !NOT_IN_MATRIX.includes(route)).sort()).toEqual([...new Set(MATRIX.map((action) => action.route))].sort());
  });

  it("refuses every workspace route without credentials (401)", async () => {
    const ctx = await setUp("viewer");
    for (const action of MATRIX) {
      const result = await action.run({ ...ctx, as: { cookie: "" } });
      expect(result.status, action.name).toBe(401);
    }
  });
});
