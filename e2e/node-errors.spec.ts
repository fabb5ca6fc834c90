import { expect, test } from "@playwright/test";
import { connect } from "./support/canvas";
import { signInWithEmail, uniqueEmail } from "./support/mail";

// "When this node fails" (docs/builder.md): Retry on fail and On error in the inspector; "Take the
// error output" gives the node a red "error" output that a failing run follows.

test.use({ viewport: { width: 1600, height: 900 } });

test("a failing HTTP node's error output is wired on the canvas, saved, and taken by a run", async ({ page }) => {
  await signInWithEmail(page, uniqueEmail("on-error"));
  const graph = {
    nodes: [
      { id: "start", type: "trigger.manual", position: { x: 0, y: 0 }, data: { label: "Start" } },
      { id: "call", type: "integration.http", position: { x: 280, y: 0 }, data: { label: "Orders", config: { url: "http://localhost:3100/api/v1/no-such-route" } } },
      { id: "ok", type: "flow.output", position: { x: 560, y: -120 }, data: { label: "Fine", config: { name: "result", value: "{{ prev.status }}" } } },
      { id: "alert", type: "flow.output", position: { x: 560, y: 160 }, data: { label: "Alert", config: { name: "alert", value: "{{ nodes.call.output.error.message }}" } } },
    ],
    edges: [
      { id: "e1", source: "start", target: "call" },
      { id: "e2", source: "call", target: "ok" },
    ],
  };
  const workflow = (await (await page.request.post("/api/v1/workflows", { data: { name: "Orders with a fallback", graph } })).json()) as { id: string };
  await page.goto(`/workflows/${workflow.id}`);
  await expect(page.locator(".react-flow__node")).toHaveCount(4);

  await page.locator('.react-flow__node[data-id="call"]').click();
  const failing = page.getByRole("group", { name: "When this node fails" });
  await failing.getByLabel("Tries").fill("2");
  await failing.getByLabel("Then").selectOption({ label: "Take the error output" });
  const errorHandle = page.locator('.react-flow__node[data-id="call"] .react-flow__handle.source[data-handleid="error"]');
  await expect(errorHandle).toBeVisible();
  await expect(page.getByTestId("failure-handling-call")).toHaveText("2 tries · error output");
  await connect(page, "call", "alert", "error");
  await expect(page.locator(".react-flow__edge")).toHaveCount(3);
  await expect(page.getByTestId("save-state")).toHaveText("All changes saved");

  // Saved as node settings, kept across a reload.
  const saved = (await (await page.request.get(`/api/v1/workflows/${workflow.id}`)).json()) as { graph: typeof graph & { edges: { source: string; target: string; sourceHandle?: string | null }[] } };
  expect(saved.graph.nodes.find((node) => node.id === "call")!.data).toMatchObject({ onError: "branch", retry: { maxTries: 2, waitMs: 1000 } });
  expect(saved.graph.edges).toContainEqual(expect.objectContaining({ source: "call", target: "alert", sourceHandle: "error" }));
  await page.reload();
  await expect(page.locator(".react-flow__edge")).toHaveCount(3);

  // The request fails (404): the run takes the error output and completes.
  await page.getByRole("button", { name: "Run" }).click();
  await expect(page.getByTestId("run-status")).toHaveText("completed", { timeout: 20_000 });
  await expect(page.getByTestId("node-call")).toHaveAttribute("data-status", "failed");
  await expect(page.getByTestId("node-alert")).toHaveAttribute("data-status", "completed");
  await expect(page.getByTestId("node-ok")).toHaveAttribute("data-status", "skipped");

  // The execution's page shows the failure as handled.
  const runs = (await (await page.request.get(`/api/v1/executions?workflowId=${workflow.id}`)).json()) as { items: { id: string }[] };
  await page.goto(`/executions/${runs.items[0]!.id}`);
  await expect(page.getByTestId("execution-status")).toContainText("completed");
  await expect(page.getByTestId("handled-node:call")).toContainText("handled");
  await page.goto(`/workflows/${workflow.id}`);
  await expect(page.locator(".react-flow__edge")).toHaveCount(3);

  // Back to "Stop the run": the error output and its edge go.
  await page.locator('.react-flow__node[data-id="call"]').click();
  await page.getByRole("group", { name: "When this node fails" }).getByLabel("Then").selectOption({ label: "Stop the run" });
  await expect(errorHandle).toHaveCount(0);
  await expect(page.getByTestId("failure-handling-call")).toHaveText("2 tries");
  await expect(page.locator(".react-flow__edge")).toHaveCount(2);
  await expect(page.getByTestId("save-state")).toHaveText("All changes saved");
  const after = (await (await page.request.get(`/api/v1/workflows/${workflow.id}`)).json()) as { graph: { nodes: { id: string; data: Record<string, unknown> }[]; edges: { sourceHandle?: string | null }[] } };
  expect(after.graph.edges.map((edge) => edge.sourceHandle ?? null)).not.toContain("error");
  expect(after.graph.nodes.find((node) => node.id === "call")!.data).not.toHaveProperty("onError");
});
