import { describe, expect, it } from "vitest";
import { call, createTeam } from "@/scripts/testing/fixtures";
import * as apiKeys from "@/app/api/v1/api-keys/route";
import * as workflows from "@/app/api/v1/workflows/route";
import * as publish from "@/app/api/v1/workflows/[id]/publish/route";
import * as triggers from "@/app/api/v1/workflows/[id]/triggers/route";
import * as hook from "@/app/api/v1/hooks/[triggerId]/route";
import { gedge, ggraph, gnode } from "@/scripts/testing/workflow-fixtures";

// Read when lib/env is first used in this file's module graph.
process.env.AGENTRY_API_KEY_RATE_LIMIT = "5";
process.env.AGENTRY_WEBHOOK_RATE_LIMIT = "3";

describe("API key rate limit", () => {
  it("answers 429 with Retry-After past the per-key limit, and counts keys separately", async () => {
    const { owner } = await createTeam();
    const first = (await call(apiKeys.POST, { as: owner, body: { name: "busy", role: "viewer" } })).body.key as string;
    const second = (await call(apiKeys.POST, { as: owner, body: { name: "calm", role: "viewer" } })).body.key as string;
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await call(workflows.GET, { as: { apiKey: first } })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const limited = await call(workflows.GET, { as: { apiKey: first } });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(limited.headers.get("content-type")).toBe("application/problem+json");
    expect((await call(workflows.GET, { as: { apiKey: second } })).status).toBe(200);
    expect((await call(workflows.GET, { as: owner })).status).toBe(200); // sessions are not limited per key
  });
});

describe("webhook rate limit", () => {
  it("answers 429 with Retry-After past the per-webhook limit", async () => {
    const { owner } = await createTeam();
    const graph = ggraph([gnode("hook", "trigger.webhook"), gnode("out", "flow.output", { value: "ok" })], [gedge("hook", "out")]);
    const workflow = await call(workflows.POST, { as: owner, body: { name: "Hooked", graph } });
    await call(publish.POST, { as: owner, params: { id: workflow.body.id }, body: {} });
    const webhook = (await call(triggers.GET, { as: owner, params: { id: workflow.body.id } })).body.items[0];
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const request = new Request(`http://agentry.test/api/v1/hooks/${webhook.id}`, { method: "POST", headers: { "x-agentry-secret": webhook.secret, "content-type": "application/json" }, body: "{}" });
      const response = await hook.POST(request, { params: Promise.resolve({ triggerId: webhook.id }) });
      statuses.push(response.status);
      if (response.status === 429) expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
    }
    expect(statuses).toEqual([202, 202, 202, 429]);
  });
});
