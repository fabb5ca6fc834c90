import { expect, test } from "@playwright/test";
import { signInWithEmail, uniqueEmail } from "./support/mail";

test("runs show in the list, the detail has a timeline and node outputs, and the dashboard adds up", async ({ page }) => {
  await signInWithEmail(page, uniqueEmail("ops"));
  const start = { id: "start", type: "trigger.manual", position: { x: 0, y: 0 }, data: { config: {} } };
  const make = async (name: string, node: object) => {
    const created = await (await page.request.post("/api/v1/workflows", { data: { name, graph: { nodes: [start, node], edges: [{ id: "e", source: "start", target: (node as { id: string }).id }] } } })).json();
    expect((await page.request.post(`/api/v1/workflows/${created.id}/publish`, { data: {} })).status()).toBe(201);
    return created.id as string;
  };
  const good = await make("Greeter", { id: "out", type: "flow.output", position: { x: 300, y: 0 }, data: { config: { name: "greeting", value: "hello" } } });
  const bad = await make("Breaker", { id: "boom", type: "data.code", position: { x: 300, y: 0 }, data: { config: { source: "throw new Error('kaput')" } } });
  const goodRun = await (await page.request.post(`/api/v1/workflows/${good}/executions`, { data: {} })).json();
  const badRun = await (await page.request.post(`/api/v1/workflows/${bad}/executions`, { data: {} })).json();

  await page.goto("/executions");
  const table = page.getByRole("table", { name: "Executions" });
  await expect(table.getByTestId(`execution-${goodRun.id}`)).toContainText("completed", { timeout: 15_000 });
  await expect(table.getByTestId(`execution-${badRun.id}`)).toContainText("failed");

  await page.getByRole("link", { name: "Breaker", exact: true }).click();
  await expect(page.getByTestId("execution-status")).toHaveText("failed");
  await expect(page.getByRole("alert").filter({ hasText: "kaput" })).toBeVisible();
  await expect(page.getByTestId("bar-node:boom")).toBeVisible();
  await expect(page.getByTestId("node-boom")).toHaveAttribute("data-status", "failed");
  await expect(page.getByRole("button", { name: "Retry" })).toBeVisible();

  await page.goto(`/executions/${goodRun.id}`);
  await expect(page.getByTestId("execution-status")).toHaveText("completed");
  await page.getByRole("list", { name: "Node runs" }).getByText("node:out").click();
  await expect(page.getByTestId("run-output-node:out")).toHaveText('"hello"');
  await expect(page.getByTestId("execution-output")).toContainText('"greeting": "hello"');

  await page.goto("/executions?status=failed");
  await expect(page.getByRole("table", { name: "Executions" }).getByRole("row")).toHaveCount(2); // header + one run

  await page.goto("/dashboards");
  await expect(page.getByTestId("dash-runs")).toHaveText("2");
  await expect(page.getByTestId("dash-success-rate")).toHaveText("50%");
  await expect(page.getByRole("table", { name: "Top failing nodes" })).toContainText("boom");
  await expect(page.getByRole("table", { name: "By workflow" })).toContainText("Greeter");
  await expect(page.getByRole("img", { name: "Runs per day by status" })).toBeVisible();
});
