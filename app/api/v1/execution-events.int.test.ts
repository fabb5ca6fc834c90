import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { call, createTeam } from "@/scripts/testing/fixtures";
import { readSse } from "@/scripts/testing/sse";
import { gedge, ggraph, gnode } from "@/scripts/testing/workflow-fixtures";
import * as workflows from "@/app/api/v1/workflows/route";
import * as publish from "@/app/api/v1/workflows/[id]/publish/route";
import * as start from "@/app/api/v1/workflows/[id]/executions/route";
import * as approval from "@/app/api/v1/executions/[id]/approvals/[nodeId]/route";
import * as events from "@/app/api/v1/executions/[id]/events/route";

function openStream(executionId: string, as: { cookie: string }, options: { lastEventId?: string; after?: number } = {}) {
  const url = new URL(`http://agentry.test/api/v1/executions/${executionId}/events`);
  if (options.after !== undefined) url.searchParams.set("after", String(options.after));
  const headers = new Headers({ cookie: as.cookie });
  if (options.lastEventId) headers.set("last-event-id", options.lastEventId);
  return events.GET(new Request(url, { headers }), { params: Promise.resolve({ id: executionId }) });
}

async function approvalRun() {
  const { owner, members } = await createTeam(["viewer"]);
  const graph = ggraph(
    [gnode("start", "trigger.manual"), gnode("draft", "data.transform", { mode: "template", template: "Dear {{ input.name }}" }), gnode("review", "human.approval"), gnode("send", "flow.output", { name: "sent", value: "{{ nodes.draft.output }}" })],
    [gedge("start", "draft"), gedge("draft", "review"), gedge("review", "send", "approved")],
  );
  const workflow = await call(workflows.POST, { as: owner, body: { name: "Approve email", graph } });
  await call(publish.POST, { as: owner, params: { id: workflow.body.id }, body: {} });
  const run = await call(start.POST, { as: owner, params: { id: workflow.body.id }, body: { input: { name: "Ada" } } });
  return { owner, viewer: members[0]!, executionId: run.body.id as string };
}

describe("GET /executions/{id}/events (SSE)", () => {
  it("replays, follows live, survives a reconnect with Last-Event-ID without gaps or duplicates, and ends after the terminal event", async () => {
    const { owner, viewer, executionId } = await approvalRun();
    const first = await openStream(executionId, viewer);
    expect(first.status).toBe(200);
    expect(first.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");

    // Read until the run waits for approval, then drop the connection.
    const seen: { id: string; event: string }[] = [];
    const firstRead = await readSse(first.body!, (message) => {
      seen.push({ id: message.id!, event: message.event! });
      return message.event === "node.waiting";
    });
    expect(firstRead.ended).toBe(false);
    expect(seen[0]).toEqual({ id: "1", event: "execution.started" });

    await call(approval.POST, { as: owner, params: { id: executionId, nodeId: "review" }, body: { approved: true } });

    const second = await openStream(executionId, viewer, { lastEventId: seen.at(-1)!.id });
    const secondRead = await readSse(second.body!, (message) => void seen.push({ id: message.id!, event: message.event! }));
    expect(secondRead.ended).toBe(true);
    expect(seen.at(-1)!.event).toBe("execution.completed");

    const stored = await getDb().executionEvent.findMany({ where: { executionId }, orderBy: { seq: "asc" }, select: { seq: true, type: true } });
    expect(seen).toEqual(stored.map((event) => ({ id: String(event.seq), event: event.type })));
    expect(seen.map((event) => Number(event.id))).toEqual(seen.map((_, index) => index + 1));
  });

  it("replays a finished execution from ?after= and closes at once", async () => {
    const { owner, executionId } = await approvalRun();
    await call(approval.POST, { as: owner, params: { id: executionId, nodeId: "review" }, body: { approved: true } });
    await expect.poll(async () => (await getDb().execution.findUniqueOrThrow({ where: { id: executionId } })).status, { timeout: 10_000 }).toBe("completed");
    const messages: string[] = [];
    const read = await readSse((await openStream(executionId, owner, { after: 2 })).body!, (message) => void messages.push(message.id!));
    expect(read.ended).toBe(true);
    expect(messages[0]).toBe("3");
  });

  it("answers bad cursors with 400 and other workspaces with 404", async () => {
    const { owner, executionId } = await approvalRun();
    const stranger = await createTeam();
    expect((await openStream(executionId, owner, { lastEventId: "abc" })).status).toBe(400);
    expect((await openStream(executionId, stranger.owner)).status).toBe(404);
    const badAfter = await events.GET(new Request(`http://agentry.test/api/v1/executions/${executionId}/events?after=-3`, { headers: { cookie: owner.cookie } }), { params: Promise.resolve({ id: executionId }) });
    expect(badAfter.status).toBe(400);
  });
});
