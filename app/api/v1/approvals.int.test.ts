import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { call, createTeam, type TestUser } from "@/scripts/testing/fixtures";
import { gedge, ggraph, gnode } from "@/scripts/testing/workflow-fixtures";
import type { WorkflowGraph } from "@/lib/engine/types";
import * as workflows from "@/app/api/v1/workflows/route";
import * as publish from "@/app/api/v1/workflows/[id]/publish/route";
import * as start from "@/app/api/v1/workflows/[id]/executions/route";
import * as execution from "@/app/api/v1/executions/[id]/route";
import * as approval from "@/app/api/v1/executions/[id]/approvals/[nodeId]/route";
import * as approvals from "@/app/api/v1/approvals/route";
import * as confirm from "@/app/api/v1/approvals/confirm/route";
import * as activity from "@/app/api/v1/activity/route";
import { inspectApprovalToken } from "@/lib/approvals/inspect-approval-token";

const approvalGraph = (config: Record<string, unknown> = {}): WorkflowGraph =>
  ggraph(
    [gnode("start", "trigger.manual"), gnode("review", "human.approval", { message: "Ship {{ input.ticket }}?", ...config }), gnode("ship", "flow.output", { name: "result", value: "shipped" }), gnode("hold", "flow.output", { name: "result", value: "held" })],
    [gedge("start", "review"), gedge("review", "ship", "approved"), gedge("review", "hold", "rejected")],
  );

async function publishedWorkflow(as: TestUser, graph: WorkflowGraph, name = "Needs a person") {
  const created = await call(workflows.POST, { as, body: { name, graph } });
  expect((await call(publish.POST, { as, params: { id: created.body.id }, body: {} })).status).toBe(201);
  return created.body.id as string;
}

async function startWaiting(as: TestUser, workflowId: string, input: Record<string, unknown> = { ticket: "T-1" }) {
  const started = await call(start.POST, { as, params: { id: workflowId }, body: { input } });
  expect(started.status).toBe(202);
  await expect.poll(async () => (await call(approvals.GET, { as })).body.items.some((item: { executionId: string }) => item.executionId === started.body.id), { timeout: 10_000 }).toBe(true);
  return started.body.id as string;
}

async function finalOutput(as: TestUser, id: string) {
  let output: unknown;
  await expect.poll(async () => {
    const body = (await call(execution.GET, { as, params: { id } })).body;
    output = body.output;
    return body.status;
  }, { timeout: 10_000 }).toBe("completed");
  return output;
}

describe("the approvals inbox (GET /approvals)", () => {
  it("lists every waiting approval of the workspace, newest first, filterable by workflow; a decision removes it and is recorded with its surface", async () => {
    const { owner, members } = await createTeam(["viewer"]);
    const first = await publishedWorkflow(owner, approvalGraph(), "First");
    const second = await publishedWorkflow(owner, approvalGraph(), "Second");
    const older = await startWaiting(owner, first, { ticket: "T-1" });
    const newer = await startWaiting(owner, second, { ticket: "T-2" });

    // Viewers read the inbox (they cannot decide).
    const listed = await call(approvals.GET, { as: members[0]! });
    expect(listed.status).toBe(200);
    expect(listed.body.count).toBe(2);
    expect(listed.body.items.map((item: { executionId: string }) => item.executionId)).toEqual([newer, older]);
    expect(listed.body.items[0]).toMatchObject({ nodeId: "review", workflowId: second, workflowName: "Second", trigger: "manual", input: { ticket: "T-2" }, message: "Ship T-2?" });
    const filtered = await call(approvals.GET, { as: owner, query: { workflowId: first } });
    expect(filtered.body.items.map((item: { executionId: string }) => item.executionId)).toEqual([older]);

    expect((await call(approval.POST, { as: owner, params: { id: older, nodeId: "review" }, body: { approved: false, comment: "Not today", surface: "inbox" } })).status).toBe(200);
    expect((await call(approvals.GET, { as: owner })).body.items.map((item: { executionId: string }) => item.executionId)).toEqual([newer]);
    expect(await finalOutput(owner, older)).toEqual({ result: "held" });
    const review = await getDb().executionEvent.findFirst({ where: { executionId: older, nodeId: "review", type: "node.completed" } });
    expect(review?.data).toMatchObject({ output: { approved: false, comment: "Not today", by: owner.id, surface: "inbox" } });
    const logged = await call(activity.GET, { as: owner, query: { action: "execution.rejected" } });
    expect(logged.body.items[0]).toMatchObject({ targetId: older, data: { nodeId: "review", comment: "Not today", surface: "inbox" } });
  });

  it("never shows another workspace's approvals, and their decisions answer 404", async () => {
    const ours = await createTeam();
    const theirs = await createTeam();
    const workflowId = await publishedWorkflow(theirs.owner, approvalGraph());
    const id = await startWaiting(theirs.owner, workflowId);
    expect((await call(approvals.GET, { as: ours.owner })).body).toEqual({ items: [], count: 0 });
    expect((await call(approvals.GET, { as: ours.owner, query: { workflowId } })).body.items).toEqual([]);
    expect((await call(approval.POST, { as: ours.owner, params: { id, nodeId: "review" }, body: { approved: true } })).status).toBe(404);
    expect((await call(approvals.GET, { as: theirs.owner })).body.count).toBe(1);
  });

  it("refuses requests without credentials (401)", async () => {
    expect((await call(approvals.GET, {})).status).toBe(401);
  });
});

async function approvalLinkTo(email: string): Promise<string> {
  let token = "";
  await expect.poll(async () => {
    const message = await getDb().outboxEmail.findFirst({ where: { to: email, subject: { startsWith: "Approval needed" } }, orderBy: { createdAt: "desc" } });
    token = message?.text.match(/\/approve\/([A-Za-z0-9_-]+)/)?.[1] ?? "";
    return token;
  }, { timeout: 10_000 }).not.toBe("");
  return token;
}

describe("approval emails", () => {
  it("email the members a node names and the role it names (editors and above) a single-use link bound to them", async () => {
    const { owner, members } = await createTeam(["editor", "viewer", "admin"]);
    const [editor, viewer, admin] = [members[0]!, members[1]!, members[2]!];
    const workflowId = await publishedWorkflow(owner, approvalGraph({ notifyMembers: `${editor.email}, ${viewer.email}`, notifyRole: "admin" }));
    const id = await startWaiting(owner, workflowId, { ticket: "T-9" });

    const token = await approvalLinkTo(editor.email);
    await approvalLinkTo(admin.email);
    await approvalLinkTo(owner.email); // owners are admins and above
    // The inbox shows the message as the run resolved it.
    expect((await call(approvals.GET, { as: owner })).body.items[0]).toMatchObject({ executionId: id, message: "Ship T-9?" });
    // Viewers cannot decide, so they are not asked even when named.
    expect(await getDb().outboxEmail.count({ where: { to: viewer.email, subject: { startsWith: "Approval needed" } } })).toBe(0);
    const stored = await getDb().approvalToken.findMany({ where: { executionId: id } });
    expect(stored).toHaveLength(3);
    expect(stored.every((row) => row.tokenHash !== token && row.tokenHash.length === 64)).toBe(true);

    // Opening the link changes nothing; it shows the context only to the member it was sent to.
    const seen = await inspectApprovalToken({ token, userId: editor.id });
    expect(seen).toMatchObject({ status: "pending", workflowName: "Needs a person", message: "Ship T-9?", input: { ticket: "T-9" }, executionId: id });
    expect(await inspectApprovalToken({ token, userId: admin.id })).toEqual({ status: "other_user" });
    expect((await getDb().approvalToken.findFirstOrThrow({ where: { userId: editor.id, executionId: id } })).usedAt).toBeNull();

    expect((await call(confirm.POST, { as: admin, body: { token, approved: true } })).status).toBe(403);
    expect((await call(confirm.POST, { as: editor, body: { token: "not-a-token", approved: true } })).status).toBe(404);
    expect((await call(confirm.POST, { body: { token, approved: true } })).status).toBe(401);
    const decided = await call(confirm.POST, { as: editor, body: { token, approved: true, comment: "From my phone" } });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expect((await call(confirm.POST, { as: editor, body: { token, approved: false } })).status).toBe(409);
    expect(await finalOutput(owner, id)).toEqual({ result: "shipped" });
    const review = await getDb().executionEvent.findFirst({ where: { executionId: id, nodeId: "review", type: "node.completed" } });
    expect(review?.data).toMatchObject({ output: { approved: true, comment: "From my phone", by: editor.id, surface: "email" } });
    const logged = await call(activity.GET, { as: owner, query: { action: "execution.approved" } });
    expect(logged.body.items[0]).toMatchObject({ targetId: id, data: { surface: "email" } });
    // The other links now say it was decided.
    const adminToken = await approvalLinkTo(admin.email);
    expect(await inspectApprovalToken({ token: adminToken, userId: admin.id })).toMatchObject({ status: "decided" });
  });

  it("refuse an expired link and a member who left or was demoted", async () => {
    const { owner, members } = await createTeam(["editor", "editor"]);
    const [stays, leaves] = [members[0]!, members[1]!];
    const workflowId = await publishedWorkflow(owner, approvalGraph({ notifyMembers: `${stays.email},${leaves.email}` }));
    const id = await startWaiting(owner, workflowId);
    const expired = await approvalLinkTo(stays.email);
    const gone = await approvalLinkTo(leaves.email);
    await getDb().approvalToken.updateMany({ where: { executionId: id, userId: stays.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await inspectApprovalToken({ token: expired, userId: stays.id })).toMatchObject({ status: "expired" });
    expect((await call(confirm.POST, { as: stays, body: { token: expired, approved: true } })).status).toBe(409);
    await getDb().membership.deleteMany({ where: { userId: leaves.id, workspaceId: (await getDb().workflow.findUniqueOrThrow({ where: { id: workflowId } })).workspaceId } });
    expect((await call(confirm.POST, { as: leaves, body: { token: gone, approved: true } })).status).toBe(404);
    // Still waiting.
    expect((await call(approvals.GET, { as: owner })).body.count).toBe(1);
  });
});
