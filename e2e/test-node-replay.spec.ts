import { expect, test } from "@playwright/test";
import { signInWithEmail, uniqueEmail } from "./support/mail";

test.use({ viewport: { width: 1600, height: 900 } });

// start → http_1 (this server's liveness endpoint) → shape (a template over it) → out.
const graph = {
  nodes: [
    { id: "start", type: "trigger.manual", position: { x: 0, y: 0 }, data: { label: "Start", config: {} } },
    { id: "http_1", type: "integration.http", position: { x: 260, y: 0 }, data: { label: "Health", config: { method: "GET", url: "http://localhost:3100/api/health" } } },
    { id: "shape", type: "data.transform", position: { x: 520, y: 0 }, data: { label: "Shape", config: { mode: "template", template: "status={{ nodes.http_1.output.body.status }}" } } },
    { id: "out", type: "flow.output", position: { x: 780, y: 0 }, data: { label: "Out", config: { name: "result", value: "{{ prev }}" } } },
  ],
  edges: [
    { id: "e1", source: "start", target: "http_1" },
    { id: "e2", source: "http_1", target: "shape" },
    { id: "e3", source: "shape", target: "out" },
  ],
};

test("test one node from the inspector, then replay a run from a node with earlier nodes reused", async ({ page }) => {
  await signInWithEmail(page, uniqueEmail("replay"));
  const workflow = await (await page.request.post("/api/v1/workflows", { data: { name: "Test and replay", graph } })).json();

  // Run the workflow from the editor.
  await page.goto(`/workflows/${workflow.id}`);
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await expect(page.getByTestId("run-status")).toHaveText("completed", { timeout: 20_000 });

  // Test one node: its parent's output from the last run is pinned, and its own output shows.
  await page.locator('.react-flow__node[data-id="shape"]').click();
  const panel = page.getByRole("region", { name: "Test node" });
  await expect(panel.getByTestId("test-node-pinned")).toHaveValue(/"http_1"[\s\S]*"status": "ok"/);
  await panel.getByRole("button", { name: "Test node" }).click();
  await expect(panel.getByTestId("test-node-output")).toHaveText('"status=ok"');
  // Edited pinned data is what the node sees.
  await panel.getByTestId("test-node-pinned").fill('{ "http_1": { "body": { "status": "pinned" } } }');
  await panel.getByRole("button", { name: "Test node" }).click();
  await expect(panel.getByTestId("test-node-output")).toHaveText('"status=pinned"');
  // The run panel offers a replay from each node of the finished run.
  await expect(page.getByRole("region", { name: "Run" }).getByRole("button", { name: "Replay from shape" })).toBeVisible();

  // Replay from "shape" on the execution page: the HTTP node's recorded output is reused.
  const runs = await (await page.request.get(`/api/v1/executions?workflowId=${workflow.id}`)).json();
  expect(runs.items).toHaveLength(1);
  await page.goto(`/executions/${runs.items[0].id}`);
  await page.getByRole("button", { name: "Replay from shape" }).click();
  await expect(page.getByTestId("replay-of")).toContainText(runs.items[0].id);
  await expect(page.getByTestId("execution-status")).toHaveText("completed", { timeout: 20_000 });
  await expect(page.getByTestId("reused-node:http_1")).toBeVisible();
  await expect(page.getByTestId("reused-node:start")).toBeVisible();
  await expect(page.getByTestId("reused-node:shape")).toHaveCount(0);
  await expect(page.getByTestId("execution-output")).toContainText('"result": "status=ok"');
});
