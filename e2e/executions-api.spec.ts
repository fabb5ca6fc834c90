import { expect, test } from "@playwright/test";
import { signInWithEmail, uniqueEmail } from "./support/mail";

test("a published workflow runs on the server's local driver through the REST API", async ({ page }) => {
  await signInWithEmail(page, uniqueEmail("runner"));
  const graph = {
    nodes: [
      { id: "start", type: "trigger.manual", position: { x: 0, y: 0 }, data: { config: {} } },
      { id: "check", type: "logic.condition", position: { x: 0, y: 0 }, data: { config: { left: "{{ input.n }}", operator: "gt", right: "10" } } },
      { id: "big", type: "flow.output", position: { x: 0, y: 0 }, data: { config: { name: "size", value: "big" } } },
      { id: "small", type: "flow.output", position: { x: 0, y: 0 }, data: { config: { name: "size", value: "small" } } },
    ],
    edges: [
      { id: "e1", source: "start", target: "check" },
      { id: "e2", source: "check", target: "big", sourceHandle: "true" },
      { id: "e3", source: "check", target: "small", sourceHandle: "false" },
    ],
  };
  const created = await page.request.post("/api/v1/workflows", { data: { name: "Sizer", graph } });
  expect(created.status()).toBe(201);
  const { id } = await created.json();
  expect((await page.request.post(`/api/v1/workflows/${id}/publish`, { data: {} })).status()).toBe(201);

  const started = await page.request.post(`/api/v1/workflows/${id}/executions`, { data: { input: { n: 42 } } });
  expect(started.status()).toBe(202);
  const execution = await started.json();
  await expect
    .poll(async () => (await (await page.request.get(`/api/v1/executions/${execution.id}`)).json()).status, { timeout: 15_000 })
    .toBe("completed");
  const detail = await (await page.request.get(`/api/v1/executions/${execution.id}`)).json();
  expect(detail.output).toEqual({ size: "big" });
  expect(detail.nodeRuns.map((run: { nodeId: string }) => run.nodeId).sort()).toEqual(["big", "check", "start"]);
});
