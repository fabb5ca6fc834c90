import { expect, test } from "@playwright/test";
import { signInWithEmail, uniqueEmail } from "./support/mail";
import { startMcpTestServer } from "../scripts/testing/start-mcp-test-server";

// An admin adds a workspace MCP connection to a real MCP server (scripts/testing/mcp-test-server.ts,
// started here on loopback; the app reaches it as "localhost", which the server's
// AGENTRY_HTTP_ALLOW lists), tests it and sees its tools — then picks one in an agent's form.
let server: Awaited<ReturnType<typeof startMcpTestServer>> | undefined;
let url: string;

test.beforeAll(async () => {
  server = await startMcpTestServer();
  const address = server.url;
  url = address.replace("127.0.0.1", "localhost");
});

test.afterAll(() => {
  server?.process.kill("SIGKILL");
});

test("an admin adds an MCP connection, tests it and sees its tools; the token is write-only", async ({ page }) => {
  test.setTimeout(90_000);
  await signInWithEmail(page, uniqueEmail("mcp-admin"));
  await page.goto("/settings/mcp-connections");
  await expect(page.getByRole("link", { name: "MCP connections", exact: true })).toHaveAttribute("aria-current", "page");

  // A wrong token first: saved, and the test says so in words.
  await page.getByLabel("Name").fill("Orders");
  await page.getByLabel("URL").fill(url);
  await page.getByLabel("Bearer token (optional)").fill("wrong-token");
  await page.getByRole("button", { name: "Save and test" }).click();
  await expect(page.getByRole("status").filter({ hasText: "refused the credentials (401)" })).toBeVisible();
  await page.getByRole("button", { name: "Delete Orders" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete", exact: true }).click();
  await expect(page.getByRole("dialog")).toBeHidden();
  await expect(page.getByRole("listitem", { name: "Orders", exact: true })).toHaveCount(0);

  // The right token: the tools of the server, with their JSON Schemas.
  await page.getByLabel("Name").fill("Orders");
  await page.getByLabel("URL").fill(url);
  await page.getByLabel("Bearer token (optional)").fill("mcp-secret");
  await page.getByRole("button", { name: "Save and test" }).click();
  await expect(page.getByRole("status").filter({ hasText: 'Connected to "Orders": 4 tools.' })).toBeVisible();
  const item = page.getByRole("listitem", { name: "Orders", exact: true });
  const tools = item.getByRole("list", { name: "Tools of Orders" });
  await expect(tools.getByRole("listitem")).toHaveCount(4);
  await expect(tools).toContainText("lookup_order");
  await tools.getByText("add", { exact: true }).click();
  await expect(tools).toContainText('"required"');
  await expect(item).toContainText("Sends Authorization (stored encrypted)");
  await expect(page.locator("body")).not.toContainText("mcp-secret");

  // Testing again from the list.
  await item.getByRole("button", { name: "Test Orders" }).click();
  await expect(item.getByRole("status")).toContainText("4 tools");

  // Anyone may list them through the API, never with the token.
  const listed = await page.request.get("/api/v1/mcp-connections");
  expect(listed.status()).toBe(200);
  const body = await listed.text();
  expect(body).toContain("lookup_order");
  expect(body).not.toContain("mcp-secret");
});

test("a connection an agent uses shows where, and deleting it names the workflow and asks again", async ({ page }) => {
  await signInWithEmail(page, uniqueEmail("mcp-used"));
  const connection = await page.request.post("/api/v1/mcp-connections", { data: { name: "Tickets", url, token: "mcp-secret" } });
  expect(connection.status()).toBe(201);
  const { id } = await connection.json();
  const graph = {
    nodes: [
      { id: "start", type: "trigger.manual", position: { x: 0, y: 0 }, data: {} },
      { id: "desk", type: "ai.agent", position: { x: 300, y: 0 }, data: { config: { provider: "openai", model: "gpt-4o-mini", prompt: "Help", tools: [{ type: "mcp", connectionId: id }] } } },
    ],
    edges: [{ id: "e", source: "start", target: "desk" }],
  };
  const workflow = await page.request.post("/api/v1/workflows", { data: { name: "Help desk", graph } });
  expect(workflow.status()).toBe(201);
  const { id: workflowId } = await workflow.json();

  await page.goto("/settings/mcp-connections");
  const item = page.getByRole("listitem", { name: "Tickets", exact: true });
  await expect(item).toContainText("Used by Help desk");
  await expect(item.getByRole("link", { name: "Help desk" })).toHaveAttribute("href", `/workflows/${workflowId}`);
  await item.getByRole("button", { name: "Delete Tickets" }).click();
  const confirm = page.getByRole("dialog");
  await expect(confirm.getByRole("list", { name: "Where it is used" })).toContainText("Help desk");
  await confirm.getByRole("button", { name: "Delete anyway" }).click();
  // The dialog closes once the DELETE has answered (while open, it hides the page from the accessibility tree).
  await expect(confirm).toBeHidden();
  await expect(page.getByRole("listitem", { name: "Tickets", exact: true })).toHaveCount(0);
  expect((await page.request.get(`/api/v1/mcp-connections/${id}`)).status()).toBe(404);
});
