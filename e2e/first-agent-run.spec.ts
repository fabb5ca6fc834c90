import { expect, test, type Page } from "@playwright/test";
import { INVITATION_LINK, linkFromNextEmail, signInWithEmail, uniqueEmail } from "./support/mail";

// A newcomer's first agent run, only through the browser, against the local fake model server
// (the server's OPENAI_BASE_URL, playwright.config.ts). The fake accepts the OpenAI key
// "sk-openai-test" and answers any other with OpenAI's 401 (scripts/testing/fake-llm-server.ts).

test.use({ viewport: { width: 1600, height: 900 } });

const step = (page: Page, title: string) => page.getByRole("list", { name: "First steps" }).getByRole("listitem").filter({ hasText: title });

test("from an empty workspace to a completed agent run: credential (wrong key, then rotated), template, run, executions", async ({ page }) => {
  test.setTimeout(120_000);
  await signInWithEmail(page, uniqueEmail("newcomer"));
  await page.goto("/");

  // Overview: nothing done yet.
  for (const title of ["Add a model credential", "Create a workflow from a template", "Run it", "See it in Executions"]) {
    await expect(step(page, title)).toHaveAttribute("data-done", "false");
  }
  await step(page, "Add a model credential").getByRole("link", { name: /Add a credential/ }).click();

  // Settings → Credentials: a wrong key is saved, and its test says so in words.
  await expect(page.getByRole("link", { name: "Credentials", exact: true })).toHaveAttribute("aria-current", "page");
  await page.getByLabel("Provider").selectOption("openai");
  await page.getByLabel("Name").fill("OpenAI");
  await page.getByLabel("API key").fill("sk-wrong-key");
  await page.getByRole("button", { name: "Save and test" }).click();
  await expect(page.getByRole("status").filter({ hasText: "refused the key (401)" })).toBeVisible();
  const item = page.getByRole("listitem", { name: "OpenAI", exact: true });
  await expect(item).toContainText("never used");
  await expect(item).toContainText("Not used by any workflow");
  // Write-only: the key is nowhere on the page.
  await expect(page.locator("body")).not.toContainText("sk-wrong-key");

  // Overview: step 1 is done (a model credential exists, even an untested one).
  await page.goto("/");
  await expect(step(page, "Add a model credential")).toHaveAttribute("data-done", "true");

  // The "Support triage" template asks for the credential and opens the editor.
  await page.goto("/workflows");
  await page.getByRole("list", { name: "Templates" }).getByRole("button", { name: /Support triage/ }).click();
  const dialog = page.getByRole("dialog", { name: 'Create "Support triage"' });
  await expect(dialog.getByLabel("Model credential")).toHaveValue(/.+/);
  await expect(dialog.getByLabel("Model credential").locator("option:checked")).toHaveText("OpenAI (OpenAI)");
  await dialog.getByRole("button", { name: "Create and open" }).click();
  await expect(page.getByRole("toolbar", { name: "Editor" })).toBeVisible();
  await expect(page.getByTestId("node-classify")).toBeVisible();
  await expect(page.getByTestId("credential-warning-classify")).toHaveCount(0);

  // Run with the wrong key: the run fails with a readable error.
  await page.getByLabel("Input text").fill("My invoice shows a double charge");
  await page.getByRole("button", { name: "Run" }).click();
  await expect(page.getByTestId("run-status")).toHaveText("failed", { timeout: 30_000 });
  const runError = page.getByRole("region", { name: "Run" }).getByRole("alert");
  await expect(runError).toContainText("401");
  await expect(runError).toContainText(/key was refused/i);
  await expect(page.getByTestId("node-classify")).toHaveAttribute("data-status", "failed");

  // Rotate the key in Settings; the test passes now and the credential shows where it is used.
  await page.goto("/settings/credentials");
  await expect(item).toContainText("Used by Support triage");
  await item.getByRole("button", { name: "Rotate OpenAI" }).click();
  await item.getByLabel("New secret for OpenAI").fill("sk-openai-test");
  await item.getByRole("button", { name: "Save new secret" }).click();
  await expect(item.getByRole("status")).toContainText("the key works");
  await expect(item).toContainText("rotated");

  // Run again: the agent answers (streamed), the router sends it on.
  await page.goto("/workflows");
  await page.getByRole("link", { name: "Support triage" }).click();
  await page.getByLabel("Input text").fill("My invoice shows a double charge");
  await page.getByRole("button", { name: "Run" }).click();
  await expect(page.getByTestId("run-status")).toHaveText("completed", { timeout: 30_000 });
  await expect(page.getByTestId("tokens-classify")).toHaveText("Streaming answer about My invoice shows a double charge");
  await expect(page.getByTestId("node-classify")).toHaveAttribute("data-status", "completed");

  // Executions lists both runs; the Overview checks everything off.
  await page.goto("/executions");
  const table = page.getByRole("table", { name: "Executions" });
  await expect(table.getByRole("row")).toHaveCount(3); // header + failed + completed
  await page.goto("/");
  for (const title of ["Add a model credential", "Create a workflow from a template", "Run it", "See it in Executions"]) {
    await expect(step(page, title)).toHaveAttribute("data-done", "true");
  }
  await expect(page.getByRole("heading", { name: "First steps: all done" })).toBeVisible();

  // The credential records its last use.
  await page.goto("/settings/credentials");
  await expect(item).toContainText("last used");
});

test("the editor: a missing credential shows on the canvas, is added inline from the picker, and deleting it is warned with the workflows using it", async ({ page }) => {
  test.setTimeout(90_000);
  await signInWithEmail(page, uniqueEmail("picker"));
  await page.goto("/workflows");
  await page.getByLabel("Name").fill("Inline");
  await page.getByRole("button", { name: "Create workflow" }).click(); // opens the editor
  await expect(page.getByRole("toolbar", { name: "Editor" })).toBeVisible();

  await page.getByTestId("palette-ai.agent").click();
  await page.getByLabel("Provider", { exact: true }).selectOption("openai");
  await expect(page.getByTestId("credential-warning-agent_1")).toHaveText("Needs an OpenAI credential");

  // "Add credential…" in the picker: a dialog, saved and tested, then selected in the node.
  await page.getByLabel("Credential", { exact: true }).selectOption({ label: "Add credential…" });
  const dialog = page.getByRole("dialog", { name: "Add credential" });
  await expect(dialog.getByLabel("Provider")).toHaveValue("openai");
  await dialog.getByLabel("Name").fill("Team OpenAI");
  await dialog.getByLabel("API key").fill("sk-openai-test");
  await dialog.getByRole("button", { name: "Save and test" }).click();
  await expect(dialog.getByRole("status")).toContainText("the key works");
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByLabel("Credential", { exact: true }).locator("option:checked")).toHaveText("Team OpenAI (openai)");
  await expect(page.getByTestId("credential-warning-agent_1")).toHaveCount(0);
  await expect(page.getByTestId("save-state")).toHaveText("All changes saved");

  // Deleting it is warned, naming the workflow; afterwards the node says its credential is missing.
  await page.goto("/settings/credentials");
  const item = page.getByRole("listitem", { name: "Team OpenAI", exact: true });
  await item.getByRole("button", { name: "Delete Team OpenAI" }).click();
  const confirm = page.getByRole("dialog", { name: 'Delete "Team OpenAI"?' });
  await expect(confirm.getByRole("list", { name: "Where it is used" })).toContainText("Inline");
  await confirm.getByRole("button", { name: "Delete anyway" }).click();
  // The dialog closes once the DELETE has answered (while open, it hides the list from the accessibility tree).
  await expect(confirm).toBeHidden();
  await expect(page.getByRole("listitem", { name: "Team OpenAI", exact: true })).toHaveCount(0);

  await page.goto("/workflows");
  await page.getByRole("link", { name: "Inline" }).click();
  await expect(page.getByTestId("credential-warning-agent_1")).toContainText("credential is missing");
});

test("editors see credential names only, and cannot add one from the builder", async ({ browser }) => {
  test.setTimeout(90_000);
  const owner = await (await browser.newContext()).newPage();
  const editor = await (await browser.newContext({ viewport: { width: 1600, height: 900 } })).newPage();
  const editorEmail = uniqueEmail("editor");
  await signInWithEmail(owner, uniqueEmail("admin"));
  expect((await owner.request.post("/api/v1/credentials", { data: { name: "Local Llama", provider: "openai-compatible", baseUrl: "http://localhost:11434/v1", secret: "llama-secret" } })).status()).toBe(201);
  const link = await linkFromNextEmail(owner, editorEmail, INVITATION_LINK, async () => {
    expect((await owner.request.post("/api/v1/invitations", { data: { email: editorEmail, role: "editor" } })).status()).toBe(201);
  });
  await signInWithEmail(editor, editorEmail);
  await editor.goto(link);
  await editor.getByRole("button", { name: "Accept invitation" }).click();
  await expect(editor.getByTestId("current-role")).toHaveText("editor");

  await editor.goto("/settings/credentials");
  const list = editor.getByRole("list", { name: "Credentials" });
  await expect(list).toContainText("Local Llama");
  await expect(editor.locator("main")).not.toContainText("localhost:11434");
  await expect(editor.getByRole("button", { name: /Save and test|Test|Rotate|Delete/ })).toHaveCount(0);
  await expect(editor.getByText("Only admins add, test, rotate or delete them")).toBeVisible();

  // Templates: the editor picks the existing credential; there is no "Add credential…".
  await editor.goto("/workflows");
  await editor.getByRole("list", { name: "Templates" }).getByRole("button", { name: /Support triage/ }).click();
  const dialog = editor.getByRole("dialog", { name: 'Create "Support triage"' });
  await expect(dialog.getByLabel("Model credential").locator("option:checked")).toHaveText(/Local Llama/);
  await expect(dialog.getByRole("button", { name: "Add credential…" })).toHaveCount(0);
  await dialog.getByLabel("Model on that server").fill("llama3.2");
  await dialog.getByRole("button", { name: "Create and open" }).click();
  await expect(editor.getByRole("toolbar", { name: "Editor" })).toBeVisible();
  await expect(editor.getByTestId("credential-warning-classify")).toHaveCount(0);
  await editor.locator('.react-flow__node[data-id="classify"]').click();
  await expect(editor.getByLabel("Provider", { exact: true })).toHaveValue("openai-compatible");
  await expect(editor.getByLabel("Model", { exact: true })).toHaveValue("llama3.2");
  await expect(editor.getByLabel("Credential", { exact: true }).locator("option")).toHaveText(["None", "Local Llama (openai-compatible)"]);
});
