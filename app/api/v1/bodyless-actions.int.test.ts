import { describe, expect, it } from "vitest";
import { call, createTeam, uniqueEmail } from "@/scripts/testing/fixtures";
import { gedge, ggraph, gnode } from "@/scripts/testing/workflow-fixtures";
import * as workflows from "@/app/api/v1/workflows/route";
import * as publish from "@/app/api/v1/workflows/[id]/publish/route";
import * as activate from "@/app/api/v1/workflows/[id]/versions/[version]/activate/route";
import * as start from "@/app/api/v1/workflows/[id]/executions/route";
import * as execution from "@/app/api/v1/executions/[id]/route";
import * as cancel from "@/app/api/v1/executions/[id]/cancel/route";
import * as retry from "@/app/api/v1/executions/[id]/retry/route";
import * as approval from "@/app/api/v1/executions/[id]/approvals/[nodeId]/route";
import * as invitations from "@/app/api/v1/invitations/route";
import * as resend from "@/app/api/v1/invitations/[id]/resend/route";

type Handler = (request: Request, context?: { params?: Promise<Record<string, string>> }) => Promise<Response>;

// Issue 10, item 3: `curl -X POST …/publish` sends no body and no content type. Actions whose
// body is optional take that as `{}`; those with required fields say which (400), never 415.
async function postWithoutBody(handler: Handler, as: { cookie: string }, params: Record<string, string>, headers: Record<string, string> = {}) {
  const request = new Request("http://agentry.test/api/v1/x", { method: "POST", headers: { cookie: as.cookie, ...headers } });
  const response = await handler(request, { params: Promise.resolve(params) });
  return { status: response.status, body: await response.json() };
}

describe("actions without a body", () => {
  it("publish, activate, start, cancel, retry and resend accept an empty body as {}", async () => {
    const { owner } = await createTeam();
    const graph = ggraph([gnode("start", "trigger.manual"), gnode("wait", "flow.delay", { seconds: 120 })], [gedge("start", "wait")]);
    const workflowId = (await call(workflows.POST, { as: owner, body: { name: "Bodyless", graph } })).body.id as string;

    const published = await postWithoutBody(publish.POST, owner, { id: workflowId });
    expect(published.status, JSON.stringify(published.body)).toBe(201);
    expect(published.body).toMatchObject({ version: 1, note: "" });
    // What curl -d '' sends: Content-Length: 0, and a form content type.
    const again = await postWithoutBody(publish.POST, owner, { id: workflowId }, { "content-length": "0", "content-type": "application/x-www-form-urlencoded" });
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    expect((await postWithoutBody(activate.POST, owner, { id: workflowId, version: "1" })).status).toBe(200);

    const started = await postWithoutBody(start.POST, owner, { id: workflowId }, { "content-length": "0" });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    await expect.poll(async () => (await call(execution.GET, { as: owner, params: { id: started.body.id } })).body.status, { timeout: 10_000 }).toBe("running");
    expect((await call(execution.GET, { as: owner, params: { id: started.body.id } })).body.input).toEqual({});

    const cancelled = await postWithoutBody(cancel.POST, owner, { id: started.body.id });
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(202);
    await expect.poll(async () => (await call(execution.GET, { as: owner, params: { id: started.body.id } })).body.status, { timeout: 10_000 }).toBe("cancelled");
    const retried = await postWithoutBody(retry.POST, owner, { id: started.body.id });
    expect(retried.status, JSON.stringify(retried.body)).toBe(202);
    expect((await postWithoutBody(cancel.POST, owner, { id: retried.body.id })).status).toBe(202);

    const invitation = await call(invitations.POST, { as: owner, body: { email: uniqueEmail("invitee"), role: "viewer" } });
    const resent = await postWithoutBody(resend.POST, owner, { id: invitation.body.id });
    expect(resent.status, JSON.stringify(resent.body)).toBe(200);
  });

  it("an action with required fields answers 400 naming them, not 415", async () => {
    const { owner } = await createTeam();
    const created = await postWithoutBody(workflows.POST, owner, {});
    expect(created.status).toBe(400);
    expect(created.body.errors.map((error: { path: string }) => error.path)).toEqual(["body.name"]);
    const decided = await postWithoutBody(approval.POST, owner, { id: "any", nodeId: "review" });
    expect(decided.status).toBe(400);
    expect(decided.body.errors.map((error: { path: string }) => error.path)).toEqual(["body.approved"]);
  });

  it("a body that is there must still be JSON (415)", async () => {
    const { owner } = await createTeam();
    const workflowId = (await call(workflows.POST, { as: owner, body: { name: "Typed" } })).body.id as string;
    const request = new Request("http://agentry.test/api/v1/x", { method: "POST", headers: { cookie: owner.cookie, "content-type": "text/plain" }, body: "note=hi" });
    expect((await publish.POST(request, { params: Promise.resolve({ id: workflowId }) })).status).toBe(415);
  });
});
