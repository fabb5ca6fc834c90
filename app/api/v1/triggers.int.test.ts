import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { fireDueSchedules } from "@/lib/triggers/fire-due-schedules";
import { startLocalScheduler } from "@/lib/triggers/local-scheduler";
import { call, createTeam } from "@/scripts/testing/fixtures";
import { gedge, ggraph, gnode } from "@/scripts/testing/workflow-fixtures";
import type { WorkflowGraph } from "@/lib/engine/types";
import * as workflows from "@/app/api/v1/workflows/route";
import * as publish from "@/app/api/v1/workflows/[id]/publish/route";
import * as triggers from "@/app/api/v1/workflows/[id]/triggers/route";
import * as hook from "@/app/api/v1/hooks/[triggerId]/route";
import * as execution from "@/app/api/v1/executions/[id]/route";

async function published(graph: WorkflowGraph) {
  const { owner } = await createTeam();
  const workflow = await call(workflows.POST, { as: owner, body: { name: "Triggered", graph } });
  const result = await call(publish.POST, { as: owner, params: { id: workflow.body.id }, body: {} });
  return { owner, workflowId: workflow.body.id as string, publishStatus: result.status, publishBody: result.body };
}

function callHook(triggerId: string, init: { secret?: string; query?: string; body?: string; contentType?: string; method?: string } = {}) {
  const headers = new Headers({ "content-type": init.contentType ?? "application/json" });
  if (init.secret) headers.set("x-agentry-secret", init.secret);
  const request = new Request(`http://agentry.test/api/v1/hooks/${triggerId}${init.query ?? ""}`, { method: init.method ?? "POST", headers, body: init.method === "GET" ? undefined : (init.body ?? "{}") });
  return hook.POST(request, { params: Promise.resolve({ triggerId }) });
}

const webhookGraph = ggraph([gnode("hook", "trigger.webhook"), gnode("out", "flow.output", { name: "ticket", value: "{{ input.body.subject }} ({{ input.query.source }})" })], [gedge("hook", "out")]);

describe("webhook triggers", () => {
  it("start the workflow with the request as input; ?wait=true returns the output", async () => {
    const { owner, workflowId } = await published(webhookGraph);
    const listed = await call(triggers.GET, { as: owner, params: { id: workflowId } });
    const webhook = listed.body.items[0];
    expect(webhook).toMatchObject({ type: "webhook", nodeId: "hook", url: `http://agentry.test/api/v1/hooks/${webhook.id}` });
    expect(webhook.secret).toMatch(/^[A-Za-z0-9_-]{32}$/);

    const accepted = await callHook(webhook.id, { secret: webhook.secret, query: "?source=mail", body: JSON.stringify({ subject: "Printer on fire" }) });
    expect(accepted.status).toBe(202);
    const { id } = await accepted.json();
    await expect.poll(async () => (await call(execution.GET, { as: owner, params: { id } })).body.output, { timeout: 10_000 }).toEqual({ ticket: "Printer on fire (mail)" });
    expect((await call(execution.GET, { as: owner, params: { id } })).body.trigger).toBe("webhook");

    const waited = await callHook(webhook.id, { secret: webhook.secret, query: `?secret=ignored&source=api&wait=true`, body: JSON.stringify({ subject: "Hi" }) });
    expect(waited.status).toBe(200);
    expect(await waited.json()).toMatchObject({ status: "completed", output: { ticket: "Hi (api)" } });
  });

  it("keep their id and secret when the workflow is published again", async () => {
    const { owner, workflowId } = await published(webhookGraph);
    const before = (await call(triggers.GET, { as: owner, params: { id: workflowId } })).body.items[0];
    await call(publish.POST, { as: owner, params: { id: workflowId }, body: {} });
    const after = (await call(triggers.GET, { as: owner, params: { id: workflowId } })).body.items[0];
    expect(after).toEqual(before);
  });

  it("refuse a wrong secret (401), an unknown hook (404), bad JSON (400) and huge bodies (413) — never 500", async () => {
    const { owner, workflowId } = await published(webhookGraph);
    const webhook = (await call(triggers.GET, { as: owner, params: { id: workflowId } })).body.items[0];
    expect((await callHook(webhook.id, { secret: "wrong" })).status).toBe(401);
    expect((await callHook(webhook.id)).status).toBe(401);
    expect((await callHook("no-such-hook", { secret: "x" })).status).toBe(404);
    const bad = await callHook(webhook.id, { secret: webhook.secret, body: "{not json" });
    expect(bad.status).toBe(400);
    expect(bad.headers.get("content-type")).toBe("application/problem+json");
    expect((await callHook(webhook.id, { secret: webhook.secret, body: JSON.stringify({ blob: "x".repeat(1_100_000) }) })).status).toBe(413);
  });
});

/**
 * The first whole UTC hour after `after` that is 09:00 on a weekday on Paris' wall clock — worked
 * out with Intl, not with the cron library under test. (Paris' offsets are whole hours.)
 */
function nextWeekdayAtNineInParis(after: Date): Date {
  const wallClock = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Paris", weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  const candidate = new Date(after);
  candidate.setUTCMinutes(0, 0, 0);
  for (let hours = 0; hours < 24 * 8; hours++) {
    candidate.setUTCHours(candidate.getUTCHours() + 1);
    const parts = Object.fromEntries(wallClock.formatToParts(candidate).map((part) => [part.type, part.value]));
    if (parts.hour === "09" && parts.minute === "00" && !["Sat", "Sun"].includes(parts.weekday!)) return candidate;
  }
  throw new Error("no weekday 09:00 in Paris within a week");
}

describe("schedule triggers (local driver)", () => {
  it("fire once per slot — also when checked again or by a restarted scheduler — and move to the next slot in the time zone", async () => {
    const publishedAt = new Date();
    const { owner, workflowId } = await published(ggraph([gnode("tick", "trigger.schedule", { cron: "0 9 * * 1-5", timezone: "Europe/Paris" }), gnode("out", "flow.output", { name: "at", value: "{{ input.scheduledAt }}" })], [gedge("tick", "out")]));
    const trigger = (await call(triggers.GET, { as: owner, params: { id: workflowId } })).body.items[0];
    expect(trigger).toMatchObject({ type: "schedule", cron: "0 9 * * 1-5", timezone: "Europe/Paris" });
    const slot = new Date(trigger.nextRunAt);
    // 08:00 UTC in winter, 07:00 UTC in summer: the expectation is computed for today's date.
    expect(slot.toISOString()).toBe(nextWeekdayAtNineInParis(publishedAt).toISOString());
    expect(await fireDueSchedules(new Date(slot.getTime() - 1000))).toEqual([]);

    const at = new Date(slot.getTime() + 1000);
    const first = await fireDueSchedules(at);
    expect(first).toHaveLength(1);
    expect(await fireDueSchedules(at)).toEqual([]);
    const stored = await getDb().trigger.findUniqueOrThrow({ where: { id: trigger.id } });
    expect(stored.lastFiredAt?.toISOString()).toBe(slot.toISOString());
    expect(stored.nextRunAt!.getTime()).toBeGreaterThan(slot.getTime());

    // A second scheduler racing on the same slot (e.g. after a restart) cannot start it again.
    await getDb().trigger.update({ where: { id: trigger.id }, data: { nextRunAt: slot } });
    expect(await fireDueSchedules(at)).toEqual([]);
    expect(await getDb().execution.count({ where: { workflowId } })).toBe(1);

    await expect.poll(async () => (await call(execution.GET, { as: owner, params: { id: first[0]! } })).body.output, { timeout: 10_000 }).toEqual({ at: slot.toISOString() });
  });

  it("are fired by the local scheduler loop itself, until it is stopped", async () => {
    const { workflowId } = await published(ggraph([gnode("tick", "trigger.schedule", { cron: "* * * * *" }), gnode("out", "flow.output", { name: "at", value: "{{ input.scheduledAt }}" })], [gedge("tick", "out")]));
    const db = getDb();
    const due = new Date(Date.now() - 1000);
    await db.trigger.updateMany({ where: { workflowId }, data: { nextRunAt: due } });
    const stop = startLocalScheduler(50);
    try {
      // The run is created first, then the slot moves on: wait for both.
      await expect.poll(async () => (await db.trigger.findFirstOrThrow({ where: { workflowId } })).lastFiredAt?.toISOString(), { timeout: 10_000, interval: 50 }).toBe(due.toISOString());
    } finally {
      stop();
    }
    expect(await db.execution.count({ where: { workflowId } })).toBe(1);
    const stored = await db.trigger.findFirstOrThrow({ where: { workflowId } });
    expect(stored.nextRunAt!.getTime()).toBeGreaterThan(Date.now());
    // Stopped: a schedule due again is left alone.
    await db.trigger.updateMany({ where: { workflowId }, data: { nextRunAt: new Date(Date.now() - 1000) } });
    await new Promise((resolve) => setTimeout(resolve, 300)); // six intervals of the stopped loop
    expect(await db.execution.count({ where: { workflowId } })).toBe(1);
  });

  it("refuse an invalid cron expression or time zone at publish (422 on the node)", async () => {
    const badCron = await published(ggraph([gnode("tick", "trigger.schedule", { cron: "61 * * * *" }), gnode("out", "flow.output")], [gedge("tick", "out")]));
    expect(badCron.publishStatus).toBe(422);
    expect(badCron.publishBody.errors[0]).toMatchObject({ nodeId: "tick", path: "graph.nodes.0.data.config.cron" });
    const badZone = await published(ggraph([gnode("tick", "trigger.schedule", { cron: "0 * * * *", timezone: "Mars/Olympus" }), gnode("out", "flow.output")], [gedge("tick", "out")]));
    expect(badZone.publishBody.errors[0]).toMatchObject({ nodeId: "tick", path: "graph.nodes.0.data.config.timezone" });
  });
});
