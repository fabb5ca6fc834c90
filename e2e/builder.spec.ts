import { expect, test } from "@playwright/test";
import { connect, dropFromPalette } from "./support/canvas";
import { INVITATION_LINK, linkFromNextEmail, signInWithEmail, uniqueEmail } from "./support/mail";

test.use({ viewport: { width: 1600, height: 900 } });

test("build on the canvas: drag, connect, configure, autosave, reload, undo/redo, run and inspect", async ({ page }) => {
  await signInWithEmail(page, uniqueEmail("builder"));
  await page.goto("/workflows");
  await page.getByLabel("Name").fill("Canvas flow");
  // Creating a workflow opens it in the editor.
  await page.getByRole("button", { name: "Create workflow" }).click();
  await expect(page).toHaveURL(/\/workflows\/[^/]+$/);
  await expect(page.getByRole("toolbar", { name: "Editor" })).toBeVisible();

  await dropFromPalette(page, "trigger.manual", 160, 100);
  await dropFromPalette(page, "integration.http", 460, 220);
  await dropFromPalette(page, "data.transform", 760, 340);
  await expect(page.locator(".react-flow__node")).toHaveCount(3);
  await connect(page, "manual_1", "http_1");
  await connect(page, "http_1", "transform_1");
  await expect(page.locator(".react-flow__edge")).toHaveCount(2);

  // Configure: the HTTP node calls this server's liveness endpoint; the transform reads it.
  await page.locator('.react-flow__node[data-id="http_1"]').click();
  await page.getByLabel(/^URL( \*)?$/i).fill("http://localhost:3100/api/health");
  await page.locator('.react-flow__node[data-id="transform_1"]').click();
  await page.getByRole("button", { name: "Add field" }).click();
  await page.getByLabel("Fields 1 name").fill("health");
  await page.getByLabel("Fields 1 value").fill("{{ nodes.http_1.output.body.status }}");
  await expect(page.getByTestId("save-state")).toHaveText("All changes saved");

  await page.reload();
  await expect(page.locator(".react-flow__node")).toHaveCount(3);
  await expect(page.locator(".react-flow__edge")).toHaveCount(2);

  // Undo / redo an added node.
  await page.getByTestId("palette-flow.delay").click();
  await expect(page.locator(".react-flow__node")).toHaveCount(4);
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(page.locator(".react-flow__node")).toHaveCount(3);
  await page.getByRole("button", { name: "Redo" }).click();
  await expect(page.locator(".react-flow__node")).toHaveCount(4);
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(page.locator(".react-flow__node")).toHaveCount(3);
  await expect(page.getByTestId("save-state")).toHaveText("All changes saved");

  // Run: nodes light up from the SSE stream; the transform's output is inspectable.
  await page.getByRole("button", { name: "Run" }).click();
  await expect(page.getByTestId("run-status")).toHaveText("completed", { timeout: 20_000 });
  for (const id of ["manual_1", "http_1", "transform_1"]) await expect(page.getByTestId(`node-${id}`)).toHaveAttribute("data-status", "completed");
  await page.locator('.react-flow__node[data-id="transform_1"]').click();
  await expect(page.getByTestId("output-transform_1")).toContainText('"health": "ok"');
});

test("an agent node streams its tokens into the run panel", async ({ page }) => {
  await signInWithEmail(page, uniqueEmail("agent"));
  const credential = await (await page.request.post("/api/v1/credentials", { data: { name: "OpenAI", provider: "openai", secret: "sk-openai-test" } })).json();
  const graph = {
    nodes: [
      { id: "start", type: "trigger.manual", position: { x: 0, y: 0 }, data: { label: "Start", config: {} } },
      { id: "writer", type: "ai.agent", position: { x: 260, y: 0 }, data: { label: "Writer", config: { provider: "openai", model: "gpt-4o-mini", credentialId: credential.id, prompt: "{{ input.topic }}" } } },
    ],
    edges: [{ id: "e", source: "start", target: "writer" }],
  };
  const workflow = await (await page.request.post("/api/v1/workflows", { data: { name: "Writer", graph } })).json();
  await page.goto(`/workflows/${workflow.id}`);
  await page.getByLabel("Run input (JSON)").fill('{ "topic": "durable agents" }');
  await page.getByRole("button", { name: "Run" }).click();
  await expect(page.getByTestId("tokens-writer")).toHaveText("Streaming answer about durable agents", { timeout: 20_000 });
  await expect(page.getByTestId("run-status")).toHaveText("completed");
  await expect(page.getByTestId("node-writer")).toHaveAttribute("data-status", "completed");
  // The card says the agent's model, and after the run its duration and tokens.
  await expect(page.getByTestId("summary-writer")).toHaveText("gpt-4o-mini");
  await expect(page.getByTestId("run-stats-writer")).toHaveText(/^completed · \d+(\.\d)? (ms|s) · \d+ tokens$/);
});

test("an undo made while a save is on its way is saved too", async ({ page }) => {
  await signInWithEmail(page, uniqueEmail("undo-save"));
  const graph = { nodes: [{ id: "start", type: "trigger.manual", position: { x: 0, y: 0 }, data: { config: {} } }], edges: [] };
  const workflow = (await (await page.request.post("/api/v1/workflows", { data: { name: "Undo while saving", graph } })).json()) as { id: string };
  // The first save is held on the network until the undo has happened.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(`**/api/v1/workflows/${workflow.id}`, async (route) => {
    if (route.request().method() === "PATCH") await held;
    await route.continue();
  });
  await page.goto(`/workflows/${workflow.id}`);
  await expect(page.locator(".react-flow__node")).toHaveCount(1);
  await page.getByTestId("palette-flow.delay").click();
  await expect(page.getByTestId("save-state")).toHaveText("Saving…");
  await page.getByRole("button", { name: "Undo", exact: true }).click();
  await expect(page.locator(".react-flow__node")).toHaveCount(1);
  release();
  await expect(page.getByTestId("save-state")).toHaveText("All changes saved");
  const saved = (await (await page.request.get(`/api/v1/workflows/${workflow.id}`)).json()) as { graph: { nodes: { id: string }[] } };
  expect(saved.graph.nodes.map((node) => node.id)).toEqual(["start"]);
});

test("graph errors from the server show on the offending node", async ({ page }) => {
  await signInWithEmail(page, uniqueEmail("invalid"));
  const graph = {
    nodes: [
      { id: "start", type: "trigger.manual", position: { x: 0, y: 0 }, data: { config: {} } },
      { id: "check", type: "logic.condition", position: { x: 260, y: 0 }, data: { config: { operator: "equals" } } },
    ],
    edges: [{ id: "e", source: "start", target: "check" }],
  };
  const workflow = await (await page.request.post("/api/v1/workflows", { data: { name: "Broken", graph } })).json();
  await page.goto(`/workflows/${workflow.id}`);
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByTestId("node-check").getByRole("alert")).toBeVisible();
});

test("viewers see the editor read-only", async ({ browser }) => {
  const owner = await (await browser.newContext()).newPage();
  const viewer = await (await browser.newContext()).newPage();
  const viewerEmail = uniqueEmail("viewer");
  await signInWithEmail(owner, uniqueEmail("owner"));
  const workflow = await (await owner.request.post("/api/v1/workflows", { data: { name: "Look only", graph: { nodes: [{ id: "start", type: "trigger.manual", position: { x: 0, y: 0 }, data: { config: {} } }], edges: [] } } })).json();
  const link = await linkFromNextEmail(owner, viewerEmail, INVITATION_LINK, async () => {
    expect((await owner.request.post("/api/v1/invitations", { data: { email: viewerEmail, role: "viewer" } })).status()).toBe(201);
  });
  await signInWithEmail(viewer, viewerEmail);
  await viewer.goto(link);
  await viewer.getByRole("button", { name: "Accept invitation" }).click();
  await expect(viewer.getByTestId("current-role")).toHaveText("viewer");
  await viewer.goto(`/workflows/${workflow.id}`);
  await expect(viewer.getByTestId("save-state")).toHaveText("Read-only");
  await expect(viewer.getByRole("complementary", { name: "Node palette" })).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: "Run" })).toHaveCount(0);
  await viewer.locator('.react-flow__node[data-id="start"]').click();
  await expect(viewer.getByLabel("Label")).toBeDisabled();
});

test("a second tab editing the same workflow is told, not silently overwritten", async ({ page, context }) => {
  await signInWithEmail(page, uniqueEmail("tabs"));
  const workflow = await (await page.request.post("/api/v1/workflows", { data: { name: "Shared", graph: { nodes: [{ id: "start", type: "trigger.manual", position: { x: 0, y: 0 }, data: { config: {} } }], edges: [] } } })).json();
  const second = await context.newPage();
  await page.goto(`/workflows/${workflow.id}`);
  await second.goto(`/workflows/${workflow.id}`);

  await page.getByTestId("palette-flow.delay").click();
  await expect(page.getByTestId("save-state")).toHaveText("All changes saved");
  await second.getByTestId("palette-flow.merge").click();
  await expect(second.getByRole("alert").filter({ hasText: "changed in another tab" })).toBeVisible();

  await page.reload();
  await expect(page.locator('.react-flow__node[data-id="delay_1"]')).toBeVisible();
  await expect(page.locator('.react-flow__node[data-id="merge_1"]')).toHaveCount(0);
});

test("the workflow list: start from a template, rename, duplicate, export and import", async ({ page }) => {
  await signInWithEmail(page, uniqueEmail("list"));
  await page.goto("/workflows");
  const list = page.getByRole("list", { name: "Workflows" });
  await page.getByRole("list", { name: "Templates" }).getByRole("button", { name: /Support triage/ }).click();
  // Its agent needs a model credential; there is none yet, so create it without one (it opens).
  await page.getByRole("dialog", { name: 'Create "Support triage"' }).getByRole("button", { name: "Create without a credential" }).click();
  await expect(page.getByRole("toolbar", { name: "Editor" })).toBeVisible();
  await expect(page.getByTestId("credential-warning-classify")).toHaveText("Needs an OpenAI credential");
  await page.goto("/workflows");
  await expect(list.getByRole("link", { name: "Support triage" })).toBeVisible();

  await page.getByRole("button", { name: "Rename Support triage" }).click();
  await page.getByLabel("New name for Support triage").fill("Triage v2");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(list.getByRole("link", { name: "Triage v2" })).toBeVisible();

  await page.getByRole("button", { name: "Duplicate Triage v2" }).click();
  await expect(list.getByRole("link", { name: "Copy of Triage v2" })).toBeVisible();

  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export Triage v2" }).click();
  const file = await (await download).path();
  const exported = JSON.parse(await (await import("node:fs/promises")).readFile(file!, "utf8"));
  expect(exported).toMatchObject({ name: "Triage v2" });
  expect(exported.graph.nodes).toHaveLength(6);

  await page.getByLabel("Import a workflow file").setInputFiles(file!);
  await expect(list.getByRole("link", { name: "Triage v2", exact: true })).toHaveCount(2);
});

test("the run form comes from the trigger's fields", async ({ page }) => {
  await signInWithEmail(page, uniqueEmail("form"));
  const graph = {
    nodes: [
      { id: "start", type: "trigger.manual", position: { x: 0, y: 0 }, data: { config: { fields: [{ name: "who", type: "string", required: true }] } } },
      { id: "greet", type: "flow.output", position: { x: 300, y: 0 }, data: { config: { name: "greeting", value: "Hello {{ input.who }}" } } },
    ],
    edges: [{ id: "e", source: "start", target: "greet" }],
  };
  const workflow = await (await page.request.post("/api/v1/workflows", { data: { name: "Greeter", graph } })).json();
  await page.goto(`/workflows/${workflow.id}`);
  await page.getByRole("button", { name: "Run" }).click();
  await expect(page.getByText("Fill in who.")).toBeVisible();
  await page.getByLabel("Input who").fill("Ada");
  await page.getByRole("button", { name: "Run" }).click();
  await expect(page.getByTestId("run-status")).toHaveText("completed", { timeout: 20_000 });
  await page.locator('.react-flow__node[data-id="greet"]').click();
  await expect(page.getByTestId("output-greet")).toHaveText('"Hello Ada"');
});

test.describe("the editor's frame at 1440×900", () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test("the canvas gets the width; drops land under the cursor; panels collapse and resize", async ({ page }) => {
    await signInWithEmail(page, uniqueEmail("frame"));
    const workflow = await (await page.request.post("/api/v1/workflows", { data: { name: "Frame" } })).json();
    await page.goto(`/workflows/${workflow.id}`);
    await expect(page.getByTestId("app-sidebar")).toHaveAttribute("data-collapsed", "true");
    const canvas = page.getByTestId("canvas");
    expect((await canvas.boundingBox())!.width).toBeGreaterThanOrEqual(0.7 * 1440);

    // Three drops 200 px apart land 200 px apart, centred under the cursor.
    const pane = (await page.locator(".react-flow__pane").boundingBox())!;
    for (const [index, type] of ["trigger.manual", "flow.delay", "flow.merge"].entries()) await dropFromPalette(page, type, 300 + index * 200, 300);
    await expect(page.locator(".react-flow__node")).toHaveCount(3);
    const boxes = await Promise.all(["manual_1", "delay_1", "merge_1"].map(async (id) => (await page.locator(`.react-flow__node[data-id="${id}"]`).boundingBox())!));
    boxes.forEach((box, index) => {
      expect(Math.abs(box.x + box.width / 2 - (pane.x + 300 + index * 200))).toBeLessThanOrEqual(2);
      expect(Math.abs(box.y + box.height / 2 - (pane.y + 300))).toBeLessThanOrEqual(12);
    });
    // The last drop is selected: its settings float over the canvas, which keeps its width.
    await expect(page.getByRole("complementary", { name: "Node settings" })).toBeVisible();
    expect((await canvas.boundingBox())!.width).toBeGreaterThanOrEqual(0.7 * 1440);

    // The palette hides and comes back; its width follows the resize handle (keyboard too).
    const palette = page.getByRole("complementary", { name: "Node palette" });
    const before = (await palette.boundingBox())!.width;
    await page.getByRole("separator", { name: "Resize node palette" }).focus();
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    await expect.poll(async () => (await palette.boundingBox())!.width).toBe(before + 32);
    await page.getByRole("button", { name: "Hide node palette" }).click();
    await expect(palette).toHaveCount(0);
    await page.getByRole("button", { name: "Show node palette" }).click();
    await expect(palette).toBeVisible();

    // The app navigation stays one click away.
    await page.getByRole("button", { name: "Expand navigation" }).click();
    await expect(page.getByTestId("app-sidebar")).toHaveAttribute("data-collapsed", "false");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Workflows" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Workflows" })).toBeVisible();
    await expect(page.getByTestId("app-sidebar")).toHaveAttribute("data-collapsed", "false");
  });
});

test.describe("the editor at 1280×720", () => {
  test.use({ viewport: { width: 1280, height: 720 } });

  test("toolbar, palette, canvas and settings fit", async ({ page }) => {
    await signInWithEmail(page, uniqueEmail("small"));
    const graph = { nodes: [{ id: "start", type: "trigger.manual", position: { x: 0, y: 0 }, data: { config: {} } }], edges: [] };
    const workflow = await (await page.request.post("/api/v1/workflows", { data: { name: "Small", graph } })).json();
    await page.goto(`/workflows/${workflow.id}`);
    await page.locator('.react-flow__node[data-id="start"]').click();
    await expect(page.getByRole("complementary", { name: "Node settings" })).toBeVisible();
    for (const locator of [page.getByRole("button", { name: "Run" }), page.getByRole("button", { name: "Publish" }), page.getByTestId("canvas"), page.getByRole("complementary", { name: "Node palette" })]) {
      const box = (await locator.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(1280);
      expect(box.y + box.height).toBeLessThanOrEqual(720);
    }
    expect((await page.getByTestId("canvas").boundingBox())!.height).toBeGreaterThan(400);
    // No page scrollbars: the editor fits the window.
    expect(await page.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight && document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  });
});
