import { describe, expect, inject, it } from "vitest";
import { APPROVAL_REQUESTED_EVENT } from "@/lib/approvals/request-approval";
import { getDb } from "@/lib/db";
import { call, createTeam, type TestUser } from "@/scripts/testing/fixtures";
import { readSse } from "@/scripts/testing/sse";
import { asJson, gedge, ggraph, gnode } from "@/scripts/testing/workflow-fixtures";
import * as workflows from "@/app/api/v1/workflows/route";
import * as publish from "@/app/api/v1/workflows/[id]/publish/route";
import * as start from "@/app/api/v1/workflows/[id]/executions/route";
import * as cancel from "@/app/api/v1/executions/[id]/cancel/route";
import * as approval from "@/app/api/v1/executions/[id]/approvals/[nodeId]/route";
import * as approvals from "@/app/api/v1/approvals/route";
import * as stream from "@/app/api/v1/approvals/stream/route";
import { getExecutionNotifier } from "@/lib/stream/execution-notifier";
import { getWorkspaceFeed } from "@/lib/stream/workspace-feed";

type Update = { count: number; version: string };

const approvalGraph = ggraph(
  [gnode("start", "trigger.manual"), gnode("review", "human.approval", { message: "Ship {{ input.ticket }} to {{ input.customer }}?" }), gnode("ship", "flow.output", { name: "result", value: "shipped" })],
  [gedge("start", "review"), gedge("review", "ship", "approved")],
);

async function publishedWorkflow(as: TestUser) {
  const created = await call(workflows.POST, { as, body: { name: "Live approvals", graph: approvalGraph } });
  expect((await call(publish.POST, { as, params: { id: created.body.id }, body: {} })).status).toBe(201);
  return created.body.id as string;
}

/** Opens GET /approvals/stream as `as` and collects its updates until `close()`. */
async function follow(as: { cookie: string }) {
  const abort = new AbortController();
  const response = await stream.GET(new Request("http://agentry.test/api/v1/approvals/stream", { headers: { cookie: as.cookie }, signal: abort.signal }));
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
  const updates: Update[] = [];
  const done = readSse(response.body!, (message) => {
    expect(message.event).toBe("approvals");
    updates.push(JSON.parse(message.data) as Update);
  });
  return {
    updates,
    counts: () => updates.map((update) => update.count),
    close: async () => {
      abort.abort();
      await done;
    },
  };
}

// The feed re-reads on its own only every 15 s: updates sooner than that came from notifications.
const LIVE = { timeout: 5_000, interval: 50 };

describe("GET /approvals/stream (SSE)", () => {
  it("pushes the workspace's approvals when one starts waiting and when it is decided or its run is cancelled — to that workspace's members only", async () => {
    const a = await createTeam(["viewer"]);
    const b = await createTeam();
    const workflowA = await publishedWorkflow(a.owner);
    const workflowB = await publishedWorkflow(b.owner);

    const ownerA = await follow(a.owner);
    const viewerA = await follow(a.members[0]!);
    const ownerB = await follow(b.owner);
    for (const followed of [ownerA, viewerA, ownerB]) await expect.poll(followed.counts, LIVE).toEqual([0]);

    // A run of A starts waiting: A's members are told at once; B hears nothing.
    const first = await call(start.POST, { as: a.owner, params: { id: workflowA }, body: { input: { ticket: "T-7", customer: "Ada" } } });
    await expect.poll(ownerA.counts, LIVE).toEqual([0, 1]);
    await expect.poll(viewerA.counts, LIVE).toEqual([0, 1]);
    // Every surface shows the message as the run resolved it.
    const listed = await call(approvals.GET, { as: a.members[0]! });
    expect(listed.body.items).toMatchObject([{ executionId: first.body.id, message: "Ship T-7 to Ada?" }]);

    const second = await call(start.POST, { as: a.owner, params: { id: workflowA }, body: { input: { ticket: "T-8", customer: "Bo" } } });
    await expect.poll(ownerA.counts, LIVE).toEqual([0, 1, 2]);

    // Decided: gone at once. Cancelled: gone once the run ends.
    expect((await call(approval.POST, { as: a.owner, params: { id: first.body.id, nodeId: "review" }, body: { approved: true } })).status).toBe(200);
    await expect.poll(ownerA.counts, LIVE).toEqual([0, 1, 2, 1]);
    expect((await call(cancel.POST, { as: a.owner, params: { id: second.body.id } })).status).toBe(202);
    await expect.poll(ownerA.counts, LIVE).toEqual([0, 1, 2, 1, 0]);
    await expect.poll(viewerA.counts, LIVE).toEqual([0, 1, 2, 1, 0]);

    // B's own approval reaches B only.
    await call(start.POST, { as: b.owner, params: { id: workflowB }, body: { input: { ticket: "B-1", customer: "Cy" } } });
    await expect.poll(ownerB.counts, LIVE).toEqual([0, 1]);
    await new Promise((resolve) => setTimeout(resolve, 300)); // time for a stray update to A to show
    expect(ownerA.counts()).toEqual([0, 1, 2, 1, 0]);
    expect((await call(approvals.GET, { as: a.owner })).body.count).toBe(0);

    // A reconnect gets the current list at once.
    const again = await follow(b.owner);
    await expect.poll(again.counts, LIVE).toEqual([1]);
    expect(again.updates[0]!.version).toBe(ownerB.updates.at(-1)!.version);

    await Promise.all([ownerA, viewerA, ownerB, again].map((followed) => followed.close()));
  });

  it("shares one notification hook among all streams of the process, and lets go of it when the last leaves", async () => {
    const teams = await Promise.all([createTeam(), createTeam()]);
    const notifier = getExecutionNotifier();
    const before = notifier.listenerCount();
    const streams = await Promise.all(Array.from({ length: 40 }, (_, index) => follow(teams[index % 2]!.owner)));
    await expect.poll(() => streams.every((followed) => followed.updates.length === 1), LIVE).toBe(true);
    expect(notifier.listenerCount()).toBe(Math.max(before, 1));
    expect(getWorkspaceFeed().workspaceCount()).toBeGreaterThanOrEqual(2);
    await Promise.all(streams.map((followed) => followed.close()));
    // The last stream to leave closes the feed and its hook on the notifier.
    await expect.poll(() => getWorkspaceFeed().workspaceCount(), LIVE).toBe(0);
    expect(notifier.listenerCount()).toBe(0);
  });

  it("hears an approval announced by another process (PostgreSQL NOTIFY through the one LISTEN connection)", async (context) => {
    if (inject("databaseDriver") !== "postgres") return context.skip(); // the embedded database serves one process
    const { workspace, owner } = await createTeam();
    const db = getDb();
    const graph = asJson(approvalGraph);
    const workflow = await db.workflow.create({ data: { workspaceId: workspace.id, name: "Elsewhere", graph, activeVersion: 1 } });
    const version = await db.workflowVersion.create({ data: { workflowId: workflow.id, version: 1, graph } });
    // A run another process holds: its rows are written here, its notice only goes through the database.
    const execution = await db.execution.create({ data: { workspaceId: workspace.id, workflowId: workflow.id, versionId: version.id, version: 1, status: "waiting", leaseOwner: "elsewhere", leaseExpiresAt: new Date(Date.now() + 3600_000) } });
    const followed = await follow(owner);
    await expect.poll(followed.counts, LIVE).toEqual([0]);
    await db.executionEvent.create({ data: { executionId: execution.id, seq: 1, type: "node.waiting", nodeId: "review", data: { key: "node:review", reason: "approval" } } });
    await db.executionSignal.create({ data: { executionId: execution.id, event: APPROVAL_REQUESTED_EVENT, match: "review", data: { message: "From elsewhere", key: "node:review" } } });
    // Repeated until this process's LISTEN connection (opened lazily) delivers it.
    await expect.poll(async () => {
      await db.$executeRaw`SELECT pg_notify('agentry_execution_events', ${execution.id})`;
      return followed.counts();
    }, { timeout: 5_000, interval: 200 }).toEqual([0, 1]);
    expect((await call(approvals.GET, { as: owner })).body.items).toMatchObject([{ executionId: execution.id, message: "From elsewhere" }]);
    await followed.close();
  });

  it("refuses requests without credentials (401 problem+json)", async () => {
    const response = await stream.GET(new Request("http://agentry.test/api/v1/approvals/stream"));
    expect(response.status).toBe(401);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
  });
});
