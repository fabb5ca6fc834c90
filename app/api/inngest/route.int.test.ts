import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";

// This file runs the Inngest driver: INNGEST_DEV=1 selects it (lib/env) and lets the serve
// endpoint skip signatures. Set before anything reads the environment.
const previousDev = vi.hoisted(() => {
  const previous = process.env.INNGEST_DEV;
  process.env.INNGEST_DEV = "1";
  return previous;
});

import { inngest } from "@/inngest/client";
import { getDb } from "@/lib/db";
import type { WorkflowGraph } from "@/lib/engine/types";
import { APPROVAL_EVENT, EXECUTION_REQUESTED } from "@/lib/jobs/events";
import { call, createTeam } from "@/scripts/testing/fixtures";
import { playInngestExecutor, type WaitOp } from "@/scripts/testing/inngest-executor";
import { gedge, ggraph, gnode } from "@/scripts/testing/workflow-fixtures";
import * as serve from "@/app/api/inngest/route";
import * as approval from "@/app/api/v1/executions/[id]/approvals/[nodeId]/route";
import * as workflows from "@/app/api/v1/workflows/route";
import * as publish from "@/app/api/v1/workflows/[id]/publish/route";
import * as start from "@/app/api/v1/workflows/[id]/executions/route";

type Event = { name: string; data: Record<string, unknown> };

// What the app sends to Inngest, in order. Inngest matches an event only to waits registered
// before it was sent; the executor below plays exactly that.
const sent: Event[] = [];
vi.spyOn(inngest, "send").mockImplementation((async (payload: Event | Event[]) => {
  sent.push(...[payload].flat());
  return { ids: [] };
}) as never);
beforeEach(() => {
  sent.length = 0;
});
afterAll(() => {
  if (previousDev === undefined) delete process.env.INNGEST_DEV;
  else process.env.INNGEST_DEV = previousDev;
});

const approvalGraph = (timeoutHours = 72): WorkflowGraph =>
  ggraph(
    [gnode("start", "trigger.manual"), gnode("review", "human.approval", { message: "Ship it?", timeoutHours }), gnode("ship", "flow.output", { name: "result", value: "shipped" }), gnode("hold", "flow.output", { name: "result", value: "held" })],
    [gedge("start", "review"), gedge("review", "ship", "approved"), gedge("review", "hold", "rejected")],
  );

/** Publishes the graph and starts it through the API; returns the event the API sent. */
async function startThroughApi(as: { cookie: string }, graph: WorkflowGraph) {
  const created = await call(workflows.POST, { as, body: { name: "On Inngest", graph } });
  expect((await call(publish.POST, { as, params: { id: created.body.id }, body: {} })).status).toBe(201);
  const started = await call(start.POST, { as, params: { id: created.body.id }, body: {} });
  expect(started.status).toBe(202);
  const requested = sent.find((event) => event.name === EXECUTION_REQUESTED && event.data.executionId === started.body.id);
  expect(requested).toBeDefined();
  return { executionId: started.body.id as string, requested: requested! };
}

const decide = (as: { cookie: string }, executionId: string, approved: boolean) => call(approval.POST, { as, params: { id: executionId, nodeId: "review" }, body: { approved } });

const runExecutor = (event: Event, onWaitForEvent: (wait: WaitOp) => Promise<Event | null>) => playInngestExecutor({ handler: serve.POST as never, fnId: "agentry-execute-workflow", event, onWaitForEvent });

const stored = (executionId: string) => getDb().execution.findUniqueOrThrow({ where: { id: executionId }, select: { status: true, output: true } });

describe("approvals on the Inngest driver, played over the serve protocol (POST /api/inngest)", () => {
  it("takes a decision made before the run reached the approval node (its event matched no wait)", async () => {
    const { owner } = await createTeam();
    const { executionId, requested } = await startThroughApi(owner, approvalGraph());
    expect((await decide(owner, executionId, true)).status).toBe(200);
    expect(sent.at(-1)).toMatchObject({ name: APPROVAL_EVENT, data: { executionId, nodeId: "review", approved: true } });

    // Every wait registered from now on was registered after the event: none matches it.
    const waits: WaitOp[] = [];
    const run = await runExecutor(requested, async (wait) => {
      waits.push(wait);
      return null;
    });
    expect(run).toMatchObject({ status: 200, result: { status: "completed" } });
    expect(waits).toEqual([]);
    expect(await stored(executionId)).toEqual({ status: "completed", output: { result: "shipped" } });
  });

  it("takes a decision sent while the wait was registered", async () => {
    const { owner } = await createTeam();
    const { executionId, requested } = await startThroughApi(owner, approvalGraph());
    const waits: WaitOp[] = [];
    const run = await runExecutor(requested, async (wait) => {
      waits.push(wait);
      expect((await decide(owner, executionId, false)).status).toBe(200);
      return sent.at(-1)!; // sent after the registration: it matches
    });
    expect(run).toMatchObject({ status: 200, result: { status: "completed" } });
    expect(waits).toHaveLength(1);
    expect(waits[0]).toMatchObject({ name: "node:review:approval:slice:0", event: APPROVAL_EVENT, timeout: "15s", if: `async.data.executionId == "${executionId}" && async.data.nodeId == "review"` });
    expect(await stored(executionId)).toEqual({ status: "completed", output: { result: "held" } });
  });

  it("takes a decision whose event raced the registration, at the end of that slice", async () => {
    const { owner } = await createTeam();
    const { executionId, requested } = await startThroughApi(owner, approvalGraph());
    const waits: WaitOp[] = [];
    const run = await runExecutor(requested, async (wait) => {
      waits.push(wait);
      // Decided between the run's last read and this registration: the event went nowhere.
      if (waits.length === 1) expect((await decide(owner, executionId, true)).status).toBe(200);
      return null;
    });
    expect(run).toMatchObject({ status: 200, result: { status: "completed" } });
    expect(waits).toHaveLength(1);
    expect(await stored(executionId)).toEqual({ status: "completed", output: { result: "shipped" } });
  });

  it("accepts a decision whose event could not be sent (Inngest unreachable), and the run still takes it", async () => {
    const { owner } = await createTeam();
    const { executionId, requested } = await startThroughApi(owner, approvalGraph());
    vi.mocked(inngest.send).mockRejectedValueOnce(new Error("fetch failed"));
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      expect((await decide(owner, executionId, true)).status).toBe(200);
    } finally {
      errors.mockRestore();
    }
    const run = await runExecutor(requested, async () => null);
    expect(run).toMatchObject({ status: 200, result: { status: "completed" } });
    expect(await stored(executionId)).toEqual({ status: "completed", output: { result: "shipped" } });
  });

  it("takes the rejected branch with timedOut when no decision comes before the timeout", async () => {
    const { owner } = await createTeam();
    // 0.00002 h = 72 ms: the slices are cut to what remains of it.
    const { executionId, requested } = await startThroughApi(owner, approvalGraph(0.00002));
    const run = await runExecutor(requested, async () => {
      await new Promise((resolve) => setTimeout(resolve, 40));
      return null;
    });
    expect(run).toMatchObject({ status: 200, result: { status: "completed" } });
    expect(await stored(executionId)).toEqual({ status: "completed", output: { result: "held" } });
    const review = await getDb().nodeRun.findUniqueOrThrow({ where: { executionId_key: { executionId, key: "node:review:completed" } } });
    expect(review.result).toMatchObject({ output: { approved: false, timedOut: true } });
  });
});
