import { expect, test } from "@playwright/test";
import { signInWithEmail, uniqueEmail } from "./support/mail";

// An agent's tools are picked and configured through forms (docs/agents.md, "Tools"): an HTTP tool's
// URL prefix, credential and description, a knowledge base search's settings — no JSON typed.

test.use({ viewport: { width: 1600, height: 900 } });

test("an agent's tools are added from the picker and set up in their own settings, problems named under their field", async ({ page }) => {
  await signInWithEmail(page, uniqueEmail("tools"));
  const model = await page.request.post("/api/v1/credentials", { data: { name: "Model key", provider: "openai", secret: "sk-openai-test" } });
  const orders = await page.request.post("/api/v1/credentials", { data: { name: "Orders API", provider: "http", secret: "orders-secret" } });
  const handbook = await page.request.post("/api/v1/knowledge-bases", { data: { name: "Handbook" } });
  expect([model.status(), orders.status(), handbook.status()]).toEqual([201, 201, 201]);
  const ordersId = ((await orders.json()) as { id: string }).id;
  const handbookId = ((await handbook.json()) as { id: string }).id;
  const graph = {
    nodes: [
      { id: "start", type: "trigger.manual", position: { x: 0, y: 0 }, data: { label: "Start" } },
      { id: "desk", type: "ai.agent", position: { x: 300, y: 0 }, data: { label: "Desk", config: { provider: "openai", model: "gpt-4o-mini", credentialId: ((await model.json()) as { id: string }).id, prompt: "Where is my order?" } } },
    ],
    edges: [{ id: "e1", source: "start", target: "desk" }],
  };
  const workflow = (await (await page.request.post("/api/v1/workflows", { data: { name: "Order desk", graph } })).json()) as { id: string };

  await page.goto(`/workflows/${workflow.id}`);
  await page.locator('.react-flow__node[data-id="desk"]').click();
  const form = page.getByRole("complementary", { name: "Node settings" }).getByRole("form", { name: "Agent settings" });
  const tools = form.getByRole("list", { name: "Agent tools" });

  // An HTTP tool: a credential without a URL prefix is named under the URL prefix field.
  await form.getByLabel("Add a tool").selectOption({ label: "HTTP request" });
  await expect(tools.getByRole("listitem")).toHaveCount(1);
  await tools.getByLabel("Settings of HTTP request (GET)").click();
  await tools.getByLabel("Tool credential").selectOption({ label: "Orders API (http)" });
  const prefix = tools.getByLabel("URL prefix", { exact: true });
  await expect(tools.getByRole("alert").filter({ hasText: "An HTTP tool with a credential needs a URL prefix" })).toBeVisible();
  await prefix.fill("https://orders.example.com/api/");
  await expect(tools.getByRole("alert")).toHaveCount(0);
  await tools.getByLabel("Description", { exact: true }).fill("Looks up orders by id");
  await tools.getByRole("checkbox", { name: "POST" }).check();

  // A knowledge base search, picked by name, with fewer results.
  await form.getByLabel("Add a tool").selectOption({ label: "Handbook" });
  await expect(tools.getByRole("listitem")).toHaveCount(2);
  await tools.getByLabel("Settings of Knowledge: Handbook").click();
  await tools.getByLabel("Results (top K)").fill("3");
  await expect(form.getByRole("alert")).toHaveCount(0);

  await expect(page.getByTestId("save-state")).toHaveText("All changes saved");
  const saved = (await (await page.request.get(`/api/v1/workflows/${workflow.id}`)).json()) as { graph: { nodes: { id: string; data: { config: Record<string, unknown> } }[] } };
  const config = saved.graph.nodes.find((node) => node.id === "desk")!.data.config;
  expect(config.tools).toEqual([
    expect.objectContaining({ type: "http", methods: ["GET", "POST"], credentialId: ordersId, urlPrefix: "https://orders.example.com/api/", description: "Looks up orders by id" }),
    expect.objectContaining({ type: "knowledge", knowledgeBaseId: handbookId, topK: 3 }),
  ]);
  // The credential's page counts the tool as a use of it.
  const credentials = (await (await page.request.get("/api/v1/credentials")).json()) as { items: { id: string; usedBy?: { workflowName: string }[] }[] };
  expect(credentials.items.find((item) => item.id === ordersId)?.usedBy).toEqual([{ workflowId: workflow.id, workflowName: "Order desk" }]);
});
