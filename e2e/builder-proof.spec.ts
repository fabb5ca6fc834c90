import { expect, test, type Page } from "@playwright/test";
import { connect, dropFromPalette } from "./support/canvas";
import { signInWithEmail, uniqueEmail } from "./support/mail";

// Issue #14's proof: a new user builds manual → HTTP → condition → two branches → output on an
// empty canvas with the mouse and the keyboard only (no JSON typed), publishes, runs and sees
// every node's state. Screenshots at 1440×900 and 390×844 go into the test report.
test.use({ viewport: { width: 1440, height: 900 } });

const node = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);

/** Ctrl/⌘+K, type, Enter: adds a node connected from the selected one. */
async function addWithCommand(page: Page, name: string) {
  await page.keyboard.press("ControlOrMeta+K");
  const dialog = page.getByRole("dialog", { name: "Add a node" });
  await expect(dialog).toBeVisible();
  await page.keyboard.type(name);
  await expect(dialog.getByRole("option", { selected: true })).toContainText(name);
  await page.keyboard.press("Enter");
  await expect(dialog).toHaveCount(0);
}

/** Waits until the view stops moving (auto-layout animates a fit). */
async function viewSettled(page: Page) {
  let last: string | null = "";
  await expect
    .poll(async () => {
      const now = await page.locator(".react-flow__viewport").getAttribute("style");
      const same = now === last;
      last = now;
      return same;
    }, { intervals: [150] })
    .toBe(true);
}

async function boxOf(page: Page, id: string) {
  const box = (await node(page, id).boundingBox())!;
  return { x: box.x, y: box.y, right: box.x + box.width, bottom: box.y + box.height };
}

test("build a branching workflow with mouse and keyboard, publish, run and see every node's state", async ({ page }, testInfo) => {
  await signInWithEmail(page, uniqueEmail("proof"));
  await page.goto("/workflows");
  await page.getByLabel("Name").fill("Health check");
  await page.getByRole("button", { name: "Create workflow" }).click();
  await expect(page.getByRole("toolbar", { name: "Editor" })).toBeVisible();
  await expect(page.getByTestId("app-sidebar")).toHaveAttribute("data-collapsed", "true");
  expect((await page.getByTestId("canvas").boundingBox())!.width).toBeGreaterThanOrEqual(0.7 * 1440);
  const settings = page.getByRole("complementary", { name: "Node settings" });

  // 1. The trigger, dragged from the palette.
  await dropFromPalette(page, "trigger.manual", 160, 300);
  await expect(node(page, "manual_1")).toBeVisible();

  // 2. HTTP from the command palette, connected from the selected trigger; it calls this server.
  await node(page, "manual_1").click();
  await addWithCommand(page, "HTTP");
  await expect(node(page, "http_1")).toBeVisible();
  await expect(page.locator('.react-flow__edge[data-id="manual_1-out-http_1"]')).toHaveCount(1);
  await settings.getByLabel(/^URL( \*)?$/i).fill("http://localhost:3100/api/health");
  await expect(page.getByTestId("summary-http_1")).toHaveText("GET localhost:3100");

  // 3. The condition: is the answer a 200?
  await node(page, "http_1").click();
  await addWithCommand(page, "Condition");
  await expect(node(page, "condition_1")).toBeVisible();
  await settings.getByLabel(/^(Value|Left)( \*)?$/).fill("{{ nodes.http_1.output.status }}");
  await settings.getByLabel(/^(Compare with|Right)( \*)?$/).fill("200");
  await expect(page.getByTestId("summary-condition_1")).toHaveText("{{ nodes.http_1.output.status }} = 200");

  // 4. Two branches: the first command connects the "true" output, the second the "false" one.
  await node(page, "condition_1").click();
  await addWithCommand(page, "Transform");
  await settings.getByLabel("Label", { exact: true }).fill("Healthy");
  await node(page, "condition_1").click();
  await addWithCommand(page, "Transform");
  await settings.getByLabel("Label", { exact: true }).fill("Unhealthy");
  await expect(page.locator('.react-flow__edge[data-id="condition_1-true-transform_1"]')).toHaveCount(1);
  await expect(page.locator('.react-flow__edge[data-id="condition_1-false-transform_2"]')).toHaveCount(1);

  // 5. The output after the healthy branch; the other branch joins it by dragging a connection.
  await node(page, "transform_1").click();
  await addWithCommand(page, "Output");
  await page.getByRole("button", { name: "Auto-layout" }).click();
  await expect(node(page, "output_1")).toBeInViewport();
  await expect(node(page, "transform_2")).toBeInViewport();
  await viewSettled(page);
  await connect(page, "transform_2", "output_1");
  await expect(page.locator(".react-flow__node")).toHaveCount(6);
  await expect(page.locator(".react-flow__edge")).toHaveCount(6);

  // Laid out left to right like the handles; the true branch above the false one.
  await page.getByRole("button", { name: "Auto-layout" }).click();
  await viewSettled(page);
  await expect(async () => {
    const at = Object.fromEntries(await Promise.all(["manual_1", "http_1", "condition_1", "transform_1", "transform_2", "output_1"].map(async (id) => [id, await boxOf(page, id)] as const)));
    const edges: [string, string][] = [["manual_1", "http_1"], ["http_1", "condition_1"], ["condition_1", "transform_1"], ["condition_1", "transform_2"], ["transform_1", "output_1"], ["transform_2", "output_1"]];
    for (const [from, to] of edges) expect(at[to]!.x).toBeGreaterThan(at[from]!.right);
    expect(at.transform_1!.bottom).toBeLessThan(at.transform_2!.y);
  }).toPass();

  // Keyboard: D duplicates, Delete removes, undo and redo, copy and paste, "?" lists the
  // shortcuts, Ctrl/⌘+S saves.
  await node(page, "transform_2").click();
  await page.keyboard.press("d");
  await expect(page.locator(".react-flow__node")).toHaveCount(7);
  await expect(node(page, "transform_3")).toBeVisible();
  await page.keyboard.press("Delete");
  await expect(page.locator(".react-flow__node")).toHaveCount(6);
  await page.keyboard.press("ControlOrMeta+Z");
  await expect(page.locator(".react-flow__node")).toHaveCount(7);
  await page.keyboard.press("ControlOrMeta+Shift+Z");
  await expect(page.locator(".react-flow__node")).toHaveCount(6);
  await node(page, "transform_2").click();
  await page.keyboard.press("ControlOrMeta+C");
  await page.keyboard.press("ControlOrMeta+V");
  await expect(node(page, "transform_3")).toBeVisible();
  await page.keyboard.press("ControlOrMeta+Z");
  await expect(page.locator(".react-flow__node")).toHaveCount(6);
  await page.locator(".react-flow__pane").click({ position: { x: 20, y: 20 } });
  await page.keyboard.press("?");
  const shortcuts = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(shortcuts).toContainText("Duplicate the selected nodes");
  await expect(shortcuts).toContainText("Pan the canvas");
  await page.keyboard.press("Escape");
  await expect(shortcuts).toHaveCount(0);
  await page.keyboard.press("ControlOrMeta+S");
  await expect(page.getByTestId("save-state")).toHaveText("All changes saved");

  // Publish, then Ctrl/⌘+Enter runs; every node shows its state, duration on the ones that ran.
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByText("Published version 1")).toBeVisible();
  await page.keyboard.press("ControlOrMeta+Enter");
  await expect(page.getByTestId("run-status")).toHaveText("completed", { timeout: 20_000 });
  for (const id of ["manual_1", "http_1", "condition_1", "transform_1", "output_1"]) {
    await expect(page.getByTestId(`node-${id}`)).toHaveAttribute("data-status", "completed");
    await expect(page.getByTestId(`run-stats-${id}`)).toHaveText(/^completed · \d+(\.\d)? (ms|s)/);
  }
  await expect(page.getByTestId("node-transform_2")).toHaveAttribute("data-status", "skipped");
  await expect(page.getByTestId("run-stats-transform_2")).toHaveText(/^skipped/);

  await testInfo.attach("editor-1440x900", { body: await page.screenshot(), contentType: "image/png" });

  // On a phone the editor still works: canvas on screen, the run visible, panels out of the way.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.getByTestId("canvas")).toBeInViewport();
  await expect(page.getByRole("complementary", { name: "Node palette" })).toHaveCount(0);
  await expect(page.getByRole("complementary", { name: "Node settings" })).toHaveCount(0);
  await expect(page.locator(".react-flow__minimap")).toBeHidden();
  // Fitting zooms out until all six cards are on the phone's screen.
  await page.locator(".react-flow__controls-fitview").click();
  for (const id of ["manual_1", "http_1", "condition_1", "transform_1", "transform_2", "output_1"]) await expect(node(page, id)).toBeInViewport();
  await expect(page.getByRole("button", { name: "Run" })).toBeInViewport();
  expect((await page.getByTestId("canvas").boundingBox())!.width).toBeGreaterThan(300);
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await testInfo.attach("editor-390x844", { body: await page.screenshot(), contentType: "image/png" });
});
