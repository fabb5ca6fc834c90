import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { fireDueSchedules } from "@/lib/triggers/fire-due-schedules";
import { call, createTeam, type TestUser } from "@/scripts/testing/fixtures";
import { gedge, ggraph, gnode } from "@/scripts/testing/workflow-fixtures";
import type { WorkflowGraph } from "@/lib/engine/types";
import * as workflows from "@/app/api/v1/workflows/route";
import * as publish from "@/app/api/v1/workflows/[id]/publish/route";
import * as triggers from "@/app/api/v1/workflows/[id]/triggers/route";
import * as trigger from "@/app/api/v1/workflows/[id]/triggers/[triggerId]/route";
import * as rotate from "@/app/api/v1/workflows/[id]/triggers/[triggerId]/rotate-secret/route";
import * as hook from "@/app/api/v1/hooks/[triggerId]/route";

async function published(as: TestUser, graph: WorkflowGraph) {
  const workflow = await call(workflows.POST, { as, body: { name: "Triggered", graph } });
  expect((await call(publish.POST, { as, params: { id: workflow.body.id }, body: {} })).status).toBe(201);
  const items = (await call(triggers.GET, { as, params: { id: workflow.body.id } })).body.items;
  return { workflowId: workflow.body.id as string, trigger: items[0] };
}

const callHook = (triggerId: string, secret: string) =>
  hook.POST(new Request(`http://agentry.test/api/v1/hooks/${triggerId}`, { method: "POST", headers: { "content-type": "application/json", "x-agentry-secret": secret }, body: "{}" }), { params: Promise.resolve({ triggerId }) });

const webhookGraph = ggraph([gnode("hook", "trigger.webhook"), gnode("out", "flow.output", { name: "ok", value: "yes" })], [gedge("hook", "out")]);
const scheduleGraph = ggraph([gnode("tick", "trigger.schedule", { cron: "0 9 * * 1-5", timezone: "Europe/Paris" }), gnode("out", "flow.output", { name: "ok", value: "yes" })], [gedge("tick", "out")]);

describe("webhook controls", () => {
  it("rotate the secret (the old one stops working) and disable / enable the webhook", async () => {
    const { owner } = await createTeam();
    const { workflowId, trigger: webhook } = await published(owner, webhookGraph);
    // Called twice first: the second call takes the fast path for a secret already checked, which
    // must still see a rotation and a disable at once.
    expect((await callHook(webhook.id, webhook.secret)).status).toBe(202);
    expect((await callHook(webhook.id, webhook.secret)).status).toBe(202);
    const rotated = await call(rotate.POST, { as: owner, params: { id: workflowId, triggerId: webhook.id } });
    expect(rotated.status).toBe(200);
    expect(rotated.body).toMatchObject({ id: webhook.id, type: "webhook", url: webhook.url });
    expect(rotated.body.secret).not.toBe(webhook.secret);
    expect((await callHook(webhook.id, webhook.secret)).status).toBe(401);
    expect((await callHook(webhook.id, rotated.body.secret)).status).toBe(202);
    expect((await callHook(webhook.id, rotated.body.secret)).status).toBe(202);
    expect((await callHook(webhook.id, webhook.secret)).status).toBe(401);

    const disabled = await call(trigger.PATCH, { method: "PATCH", as: owner, params: { id: workflowId, triggerId: webhook.id }, body: { enabled: false } });
    expect(disabled.body).toMatchObject({ enabled: false });
    expect((await callHook(webhook.id, rotated.body.secret)).status).toBe(409);
    // Publishing again keeps the webhook disabled and its secret.
    await call(publish.POST, { as: owner, params: { id: workflowId }, body: {} });
    expect((await call(triggers.GET, { as: owner, params: { id: workflowId } })).body.items[0]).toMatchObject({ enabled: false, secret: rotated.body.secret });
    await call(trigger.PATCH, { method: "PATCH", as: owner, params: { id: workflowId, triggerId: webhook.id }, body: { enabled: true } });
    expect((await callHook(webhook.id, rotated.body.secret)).status).toBe(202);
    const actions = (await getDb().activityLog.findMany({ where: { targetId: workflowId, action: { startsWith: "trigger." } }, orderBy: { createdAt: "asc" } })).map((row) => row.action);
    expect(actions).toEqual(["trigger.secret_rotated", "trigger.disabled", "trigger.enabled"]);
  });

  it("answer 404 for another workspace's triggers, 409 when rotating a schedule, 400 for a bad body", async () => {
    const ours = await createTeam();
    const theirs = await createTeam();
    const { workflowId, trigger: webhook } = await published(theirs.owner, webhookGraph);
    expect((await call(rotate.POST, { as: ours.owner, params: { id: workflowId, triggerId: webhook.id } })).status).toBe(404);
    expect((await call(trigger.PATCH, { method: "PATCH", as: ours.owner, params: { id: workflowId, triggerId: webhook.id }, body: { enabled: false } })).status).toBe(404);
    // Our own workflow id with their trigger id: still 404.
    const mine = await published(ours.owner, scheduleGraph);
    expect((await call(rotate.POST, { as: ours.owner, params: { id: mine.workflowId, triggerId: webhook.id } })).status).toBe(404);
    expect((await call(rotate.POST, { as: ours.owner, params: { id: mine.workflowId, triggerId: mine.trigger.id } })).status).toBe(409);
    expect((await call(trigger.PATCH, { method: "PATCH", as: ours.owner, params: { id: mine.workflowId, triggerId: mine.trigger.id }, body: { enabled: "no" } })).status).toBe(400);
    expect((await call(triggers.GET, { as: theirs.owner, params: { id: workflowId } })).body.items[0].secret).toBe(webhook.secret);
  });
});

describe("schedule controls", () => {
  it("describe the cron in words with the next 5 runs; a paused schedule does not fire and resumes from now", async () => {
    const { owner } = await createTeam();
    const { workflowId, trigger: schedule } = await published(owner, scheduleGraph);
    expect(schedule.description).toBe("At 09:00, Monday through Friday (Europe/Paris)");
    expect(schedule.nextRunTimes).toHaveLength(5);
    expect(schedule.nextRunTimes[0]).toBe(schedule.nextRunAt);
    const hours = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Paris", hour: "2-digit", minute: "2-digit", weekday: "short", hourCycle: "h23" });
    for (const time of schedule.nextRunTimes) expect(hours.format(new Date(time))).toMatch(/^(Mon|Tue|Wed|Thu|Fri) 09:00$/);

    const paused = await call(trigger.PATCH, { method: "PATCH", as: owner, params: { id: workflowId, triggerId: schedule.id }, body: { enabled: false } });
    expect(paused.body).toMatchObject({ enabled: false, nextRunAt: null, nextRunTimes: [] });
    // (Other tests' schedules may fire: only this workflow's runs count.)
    await fireDueSchedules(new Date(new Date(schedule.nextRunAt).getTime() + 1000));
    expect(await getDb().execution.count({ where: { workflowId } })).toBe(0);
    // Republishing keeps it paused.
    await call(publish.POST, { as: owner, params: { id: workflowId }, body: {} });
    expect((await call(triggers.GET, { as: owner, params: { id: workflowId } })).body.items[0].enabled).toBe(false);

    // Resumed long after a slot was missed: it continues from now rather than firing the missed one.
    await getDb().trigger.update({ where: { id: schedule.id }, data: { nextRunAt: new Date(Date.now() - 86_400_000) } });
    const resumed = await call(trigger.PATCH, { method: "PATCH", as: owner, params: { id: workflowId, triggerId: schedule.id }, body: { enabled: true } });
    expect(resumed.body.enabled).toBe(true);
    expect(new Date(resumed.body.nextRunAt).getTime()).toBeGreaterThan(Date.now());
    await fireDueSchedules(new Date());
    expect(await getDb().execution.count({ where: { workflowId } })).toBe(0);
  });
});
