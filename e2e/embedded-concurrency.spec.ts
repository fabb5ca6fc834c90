import { expect, test } from "@playwright/test";
import { EMBEDDED_SERVER } from "../playwright.config";
import { signInThroughDevOutbox, uniqueEmail } from "./support/mail";

// The zero-config install (embedded PGlite, no DATABASE_URL) under the load a team puts on it:
// 50 webhook runs waited on and 50 API writes, all at once, every answer and every row checked.
test("the embedded database answers 50 concurrent webhook runs and 50 concurrent writes correctly", async ({ page }) => {
  test.setTimeout(120_000);
  await signInThroughDevOutbox(page, EMBEDDED_SERVER, uniqueEmail("concurrency"));
  const api = page.request;

  const graph = {
    nodes: [
      { id: "hook", type: "trigger.webhook", position: { x: 0, y: 0 }, data: { config: {} } },
      { id: "out", type: "flow.output", position: { x: 300, y: 0 }, data: { config: { name: "echo", value: "{{ input.body.n }}" } } },
    ],
    edges: [{ id: "e1", source: "hook", target: "out" }],
  };
  const created = await api.post(`${EMBEDDED_SERVER}/api/v1/workflows`, { data: { name: "Echo", graph } });
  expect(created.status()).toBe(201);
  const workflow = await created.json();
  expect((await api.post(`${EMBEDDED_SERVER}/api/v1/workflows/${workflow.id}/publish`, { data: {} })).status()).toBe(201);
  const triggers = await (await api.get(`${EMBEDDED_SERVER}/api/v1/workflows/${workflow.id}/triggers`)).json();
  const webhook = triggers.items.find((trigger: { type: string }) => trigger.type === "webhook");

  const runs = Array.from({ length: 50 }, async (_, n) => {
    const response = await api.post(`${EMBEDDED_SERVER}/api/v1/hooks/${webhook.id}?wait=true`, { headers: { "x-agentry-secret": webhook.secret }, data: { n } });
    return { n, status: response.status(), body: await response.json() };
  });
  const writes = Array.from({ length: 50 }, async (_, n) => {
    const response = await api.post(`${EMBEDDED_SERVER}/api/v1/workflows`, { data: { name: `Concurrent ${n}`, description: `written by call ${n}` } });
    return { n, status: response.status(), body: await response.json() };
  });
  const [runResults, writeResults] = await Promise.all([Promise.all(runs), Promise.all(writes)]);

  for (const { n, status, body } of runResults) {
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body).toMatchObject({ status: "completed", output: { echo: n } });
  }
  for (const { n, status, body } of writeResults) {
    expect(status, JSON.stringify(body)).toBe(201);
    expect(body).toMatchObject({ name: `Concurrent ${n}`, description: `written by call ${n}` });
  }

  // Every row is there once, with what its own request wrote.
  const executionIds = new Set(runResults.map(({ body }) => body.id));
  expect(executionIds.size).toBe(50);
  for (const { n, body } of runResults) {
    const detail = await (await api.get(`${EMBEDDED_SERVER}/api/v1/executions/${body.id}`)).json();
    expect(detail).toMatchObject({ status: "completed", input: { body: { n } }, output: { echo: n } });
  }
  const listed: { id: string; name: string; description: string | null }[] = [];
  let cursor: string | null = null;
  do {
    const page_ = await (await api.get(`${EMBEDDED_SERVER}/api/v1/workflows?limit=100${cursor ? `&cursor=${cursor}` : ""}`)).json();
    listed.push(...page_.items);
    cursor = page_.nextCursor;
  } while (cursor);
  for (const { n, body } of writeResults) {
    expect(listed.filter((item) => item.id === body.id)).toEqual([expect.objectContaining({ name: `Concurrent ${n}`, description: `written by call ${n}` })]);
  }
  expect(listed.filter((item) => item.name.startsWith("Concurrent "))).toHaveLength(50);
});
