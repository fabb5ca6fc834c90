import { expect, test, type Locator, type Page } from "@playwright/test";
import { connect } from "./support/canvas";
import { signInWithEmail, uniqueEmail } from "./support/mail";

// Node forms (docs/builder.md, "Node forms"): every node configured through its form — no JSON
// typed — with `{{` completion from the last run, a live preview, and the approval's member picker.

test.use({ viewport: { width: 1600, height: 900 } });

/** A field's CodeMirror editor (its content is the textbox named by the field's label). */
function editor(form: Locator, name: string): Locator {
  return form.getByRole("textbox", { name, exact: true });
}

/** Picks an entry from the open `{{` completion list. */
async function pick(page: Page, label: string) {
  const option = page.locator(".cm-tooltip-autocomplete li[role=option]").filter({ hasText: new RegExp(`^${label.replace(/\./g, "\\.")}`) }).first();
  await expect(option).toBeVisible();
  await option.click();
}

test("every node is configured through its form: modes, rows, selects, {{ completion, preview, member picker", async ({ page }) => {
  const email = uniqueEmail("forms");
  await signInWithEmail(page, email);

  // A workflow that already ran once: its data feeds completion and previews.
  const graph = {
    nodes: [
      { id: "start", type: "trigger.manual", position: { x: 0, y: 0 }, data: { label: "Start", config: { fields: [{ name: "city", type: "string" }] } } },
      { id: "fetch_1", type: "integration.http", position: { x: 260, y: 0 }, data: { label: "Health", config: { url: "http://localhost:3100/api/health" } } },
    ],
    edges: [{ id: "e1", source: "start", target: "fetch_1" }],
  };
  const workflow = (await (await page.request.post("/api/v1/workflows", { data: { name: "Node forms", graph } })).json()) as { id: string };
  expect((await page.request.post(`/api/v1/workflows/${workflow.id}/publish`, { data: {} })).ok()).toBe(true);
  const started = (await (await page.request.post(`/api/v1/workflows/${workflow.id}/executions`, { data: { input: { city: "Oslo" } } })).json()) as { id: string };
  await expect.poll(async () => ((await (await page.request.get(`/api/v1/executions/${started.id}`)).json()) as { status: string }).status, { timeout: 20_000 }).toBe("completed");

  await page.goto(`/workflows/${workflow.id}`);
  await expect(page.locator(".react-flow__node")).toHaveCount(2);
  const settings = page.getByRole("complementary", { name: "Node settings" });

  // Transform: a dropped one is valid (named fields, none yet); a field reads the HTTP output.
  await page.getByTestId("palette-data.transform").click();
  await expect(page.locator('.react-flow__node[data-id="transform_1"]')).toBeVisible();
  await connect(page, "fetch_1", "transform_1");
  await expect(page.locator(".react-flow__edge")).toHaveCount(2);
  await page.locator('.react-flow__node[data-id="transform_1"]').click();
  const transform = settings.getByRole("form", { name: "Transform settings" });
  await expect(transform.getByRole("radio", { name: "Named fields" })).toHaveAttribute("aria-checked", "true");
  await expect(transform.getByRole("alert")).toHaveCount(0);
  await transform.getByRole("button", { name: "Add field" }).click();
  await transform.getByLabel("Fields 1 name").fill("health");
  const value = editor(transform, "Fields 1 value");
  await value.click();
  await page.keyboard.type("{{");
  await pick(page, "nodes.fetch_1.output");
  await page.keyboard.type(".");
  await pick(page, "body");
  await page.keyboard.type(".");
  // Fields of the last run's actual output.
  await expect(page.locator(".cm-tooltip-autocomplete li[role=option]").filter({ hasText: "from the last run" }).first()).toBeVisible();
  await pick(page, "status");
  await expect(transform.getByTestId("preview-config-fields-0")).toHaveText("Preview: ok");
  // The template mode is a switch away, and back.
  await transform.getByRole("radio", { name: "Text template" }).click();
  await expect(transform.getByText("Write the template")).toHaveCount(0);
  await editor(transform, "Template").click();
  await page.keyboard.type("City: {{");
  await pick(page, "input");
  await page.keyboard.type(".");
  await pick(page, "city");
  await expect(transform.getByTestId("preview-config-template")).toHaveText("Preview: City: Oslo");
  await transform.getByRole("radio", { name: "Named fields" }).click();
  await transform.getByRole("button", { name: "Add field" }).click();
  await transform.getByLabel("Fields 1 name").fill("health");
  await editor(transform, "Fields 1 value").click();
  await page.keyboard.type("{{ prev.body.status");
  await expect(transform.getByTestId("preview-config-fields-0")).toHaveText("Preview: ok");

  // Code: a JavaScript editor (line numbers, Tab indents) whose `input.` completes the upstream output.
  await page.getByTestId("palette-data.code").click();
  await expect(page.locator('.react-flow__node[data-id="code_1"]')).toBeVisible();
  await connect(page, "fetch_1", "code_1");
  await page.locator('.react-flow__node[data-id="code_1"]').click();
  const code = settings.getByRole("form", { name: "Code settings" });
  await expect(code.locator(".cm-lineNumbers")).toBeVisible();
  await editor(code, "Source").click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type("const health = input.");
  await pick(page, "body");
  await page.keyboard.type(".");
  await expect(page.locator(".cm-tooltip-autocomplete li[role=option]").filter({ hasText: "from the last run" }).first()).toBeVisible();
  await pick(page, "status");
  await page.keyboard.type(";");
  await page.keyboard.press("Enter");
  // Brackets close themselves; a property without a value is underlined until it gets one.
  await page.keyboard.type("return { health: ");
  await expect(code.locator(".cm-lintRange-error")).not.toHaveCount(0);
  await page.keyboard.type("health");
  await page.keyboard.press("End");
  await page.keyboard.type(";");
  await expect(code.locator(".cm-lintRange-error")).toHaveCount(0);
  await expect(code.getByRole("alert")).toHaveCount(0);

  // HTTP request: the missing URL is named; method select, header rows, expression body.
  await page.getByTestId("palette-integration.http").click();
  const http = settings.getByRole("form", { name: "HTTP request settings" });
  await expect(http.getByRole("alert").filter({ hasText: "Enter a URL" })).toBeVisible();
  await editor(http, "URL").click();
  await page.keyboard.type("http://localhost:3100/api/health");
  await expect(http.getByRole("alert").filter({ hasText: "Enter a URL" })).toHaveCount(0);
  await http.getByLabel("Method").selectOption("POST");
  await http.getByRole("button", { name: "Add header" }).click();
  await http.getByLabel("Headers 1 name").fill("X-City");
  await editor(http, "Headers 1 value").click();
  await page.keyboard.type("{{ input.city }}");
  await expect(http.getByTestId("preview-config-headers-0")).toHaveText("Preview: Oslo");

  // Condition: value through completion, operator select.
  await page.getByTestId("palette-logic.condition").click();
  const condition = settings.getByRole("form", { name: "Condition settings" });
  await expect(condition.getByRole("alert").filter({ hasText: "Choose a value to test" })).toBeVisible();
  await editor(condition, "Value").click();
  await page.keyboard.type("{{");
  await pick(page, "input");
  await page.keyboard.type(".");
  await pick(page, "city");
  await condition.getByLabel("Operator").selectOption("not_equals");
  await editor(condition, "Compare with").click();
  await page.keyboard.type("Paris");
  await expect(condition.getByRole("alert")).toHaveCount(0);

  // Router: a dropped router has one route asking for its value; add and remove rows.
  await page.getByTestId("palette-logic.router").click();
  const router = settings.getByRole("form", { name: "Router settings" });
  const firstRoute = router.getByRole("listitem", { name: "Routes 1" });
  await expect(firstRoute.getByRole("alert")).toHaveText("Choose a value to test, e.g. {{ prev.category }}");
  await editor(firstRoute, "Value").click();
  await page.keyboard.type("{{ input.city }}");
  await firstRoute.getByLabel("Compare with").click();
  await page.keyboard.type("Oslo");
  await router.getByRole("button", { name: "Add route" }).click();
  const secondRoute = router.getByRole("listitem", { name: "Routes 2" });
  await expect(secondRoute.getByLabel("Handle")).toHaveValue("route_2");
  await editor(secondRoute, "Value").click();
  await page.keyboard.type("{{ input.city }}");
  await secondRoute.getByLabel("Operator").selectOption("is_empty");
  await router.getByRole("button", { name: "Add route" }).click();
  await router.getByRole("button", { name: "Remove route 3" }).click();
  await expect(router.getByRole("listitem", { name: /^Routes \d$/ })).toHaveCount(2);
  await expect(router.getByRole("alert")).toHaveCount(0);

  // Agent: provider and model named until chosen; prompt in an expression editor.
  await page.getByTestId("palette-ai.agent").click();
  const agent = settings.getByRole("form", { name: "Agent settings" });
  await expect(agent.getByRole("alert").filter({ hasText: "Write the prompt" })).toBeVisible();
  await agent.getByLabel("Provider", { exact: true }).selectOption("openai");
  await agent.getByLabel("Model", { exact: true }).fill("gpt-4o-mini");
  await editor(agent, "Prompt").click();
  await page.keyboard.type("Weather in {{ input.city }}?");
  await expect(agent.getByTestId("preview-config-prompt")).toHaveText("Preview: Weather in Oslo?");
  await agent.getByLabel("Max steps").fill("4");
  // Structured answer: rows of fields, not a JSON box.
  await agent.getByRole("button", { name: "Add answer field" }).click();
  await agent.getByLabel("Answer field 1 name").fill("summary");
  await agent.getByRole("button", { name: "Add answer field" }).click();
  await agent.getByLabel("Answer field 2 name").fill("tags");
  await agent.getByLabel("Answer field 2 type").selectOption("string[]");
  await agent.getByLabel("Answer field 2 description").fill("Short labels");
  await expect(agent.getByRole("alert")).toHaveCount(0);

  // Approval: pick a member by name or email from the members API, and a minimum role.
  await page.getByTestId("palette-human.approval").click();
  const approval = settings.getByRole("form", { name: "Human approval settings" });
  await approval.getByLabel("Ask these members: search members").fill(email.slice(0, 8));
  await approval.getByRole("listbox", { name: "Ask these members: matching members" }).getByRole("button", { name: new RegExp(email.replace(/[.+]/g, "\\$&")) }).click();
  await expect(approval.getByRole("list", { name: "Ask these members: chosen" })).toContainText(email);
  await approval.getByLabel("Also ask everyone with at least this role").selectOption("admin");

  await expect(page.getByTestId("save-state")).toHaveText("All changes saved");
  const saved = (await (await page.request.get(`/api/v1/workflows/${workflow.id}`)).json()) as { graph: { nodes: { id: string; data: { config: Record<string, unknown> } }[] } };
  const config = (id: string) => saved.graph.nodes.find((node) => node.id === id)?.data.config;
  expect(config("transform_1")).toEqual({ mode: "fields", fields: { health: "{{ prev.body.status}}" } });
  expect(config("code_1")).toMatchObject({ source: "const health = input.body.status;\nreturn { health: health};" }); // the closing brace came with the opening one
  expect(config("http_1")).toMatchObject({ url: "http://localhost:3100/api/health", method: "POST", headers: { "X-City": "{{ input.city }}" } });
  expect(config("condition_1")).toMatchObject({ left: "{{input.city}}", operator: "not_equals", right: "Paris" });
  expect(config("router_1")).toMatchObject({ routes: [{ handle: "route_1", left: "{{ input.city }}", operator: "equals", right: "Oslo" }, { handle: "route_2", left: "{{ input.city }}", operator: "is_empty" }] });
  expect(config("agent_1")).toMatchObject({ provider: "openai", model: "gpt-4o-mini", prompt: "Weather in {{ input.city }}?", maxSteps: 4 });
  expect(config("agent_1")!.outputSchema).toEqual({
    type: "object",
    properties: { summary: { type: "string" }, tags: { type: "array", items: { type: "string" }, description: "Short labels" } },
    required: ["summary", "tags"],
    additionalProperties: false,
  });
  expect(config("approval_1")).toMatchObject({ notifyMembers: email, notifyRole: "admin" });
  // Every config is what the server accepts: publishing names only the nodes not yet wired up.
  const publish = await page.request.post(`/api/v1/workflows/${workflow.id}/publish`, { data: {} });
  const problems = ((await publish.json()) as { errors?: { nodeId?: string; message: string }[] }).errors ?? [];
  expect(problems.map((problem) => problem.nodeId).sort()).toEqual(["agent_1", "approval_1", "condition_1", "http_1", "router_1"]);
  for (const problem of problems) expect(problem.message).toMatch(/^No trigger leads to this node/);
});
