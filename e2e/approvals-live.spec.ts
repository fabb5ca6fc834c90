import { expect, test, type Page } from "@playwright/test";
import { EMBEDDED_SERVER, POSTGRES_SERVER } from "../playwright.config";
import { signInThroughDevOutbox, signInWithEmail, uniqueEmail } from "./support/mail";

// The Approvals inbox and the nav badge follow GET /api/v1/approvals/stream (SSE): a run that
// starts waiting, and a decision made in another tab, show without a reload. The fallback poll
// runs every 30 s, so anything within the default 5 s expect timeout came over the stream.

async function approvalWorkflow(page: Page) {
  const graph = {
    nodes: [
      { id: "start", type: "trigger.manual", position: { x: 0, y: 0 }, data: { label: "Start", config: {} } },
      { id: "review", type: "human.approval", position: { x: 260, y: 0 }, data: { label: "Review", config: { message: "Refund order {{ input.order }} for {{ input.customer }}?" } } },
      { id: "done", type: "flow.output", position: { x: 520, y: 0 }, data: { label: "Done", config: { name: "result", value: "refunded" } } },
    ],
    edges: [
      { id: "e1", source: "start", target: "review" },
      { id: "e2", source: "review", target: "done", sourceHandle: "approved" },
    ],
  };
  const created = await (await page.request.post("/api/v1/workflows", { data: { name: "Live refunds", graph } })).json();
  expect((await page.request.post(`/api/v1/workflows/${created.id}/publish`, { data: {} })).status()).toBe(201);
  return created.id as string;
}

for (const server of [
  { name: "PostgreSQL", baseURL: POSTGRES_SERVER, signIn: (page: Page, email: string) => signInWithEmail(page, email) },
  { name: "embedded database", baseURL: EMBEDDED_SERVER, signIn: (page: Page, email: string) => signInThroughDevOutbox(page, EMBEDDED_SERVER, email) },
]) {
  test.describe(`on the ${server.name}`, () => {
    test.use({ baseURL: server.baseURL });

    test("the inbox and the nav badge update live over SSE, with the message as the run rendered it", async ({ page, context }) => {
      await server.signIn(page, uniqueEmail("live-inbox"));
      const workflowId = await approvalWorkflow(page);

      await page.goto("/approvals");
      await expect(page.getByRole("heading", { level: 1, name: "Approvals" })).toBeVisible();
      await expect(page.getByText("Nothing waits for approval")).toBeVisible();
      const nav = page.getByRole("navigation", { name: "Main" });
      await expect(nav.getByTestId("approvals-count")).toBeHidden();
      // Marks this document: a reload would lose the mark.
      await page.evaluate(() => ((window as unknown as { liveMark: number }).liveMark = 1));

      const started = await page.request.post(`/api/v1/workflows/${workflowId}/executions`, { data: { input: { order: 42, customer: "Ada" } } });
      expect(started.status()).toBe(202);
      const runId = ((await started.json()) as { id: string }).id;

      const row = page.getByRole("list", { name: "Approvals", exact: true }).getByTestId(`approval-${runId}-review`);
      await expect(row).toBeVisible();
      await expect(row).toContainText("Refund order 42 for Ada?");
      await expect(row).not.toContainText("{{");
      await expect(nav.getByTestId("approvals-count")).toHaveText("1");

      // Decided in another tab: it leaves this one live too.
      const other = await context.newPage();
      await other.goto(`/executions/${runId}`);
      const waiting = other.getByTestId(`approval-${runId}-review`);
      await expect(waiting).toContainText("Refund order 42 for Ada?");
      await waiting.getByRole("button", { name: "Approve" }).click();
      await expect(other.getByTestId("execution-status")).toHaveText("completed");

      await expect(row).toBeHidden();
      await expect(nav.getByTestId("approvals-count")).toBeHidden();
      await expect(page.getByText("Nothing waits for approval")).toBeVisible();
      expect(await page.evaluate(() => (window as unknown as { liveMark?: number }).liveMark)).toBe(1);
    });

    test("switching workspace reconnects the badge's stream to the new workspace, one stream per tab", async ({ page }) => {
      // Counts this tab's approvals streams that are not closed (the shared EventSource, keyed by workspace).
      await page.addInitScript(() => {
        const Native = window.EventSource;
        const streams: EventSource[] = [];
        (window as unknown as { openApprovalStreams: () => number }).openApprovalStreams = () =>
          streams.filter((stream) => stream.url.includes("/api/v1/approvals/stream") && stream.readyState !== Native.CLOSED).length;
        window.EventSource = class extends Native {
          constructor(url: string | URL, init?: EventSourceInit) {
            super(url, init);
            streams.push(this);
          }
        };
      });
      const openStreams = () => page.evaluate(() => (window as unknown as { openApprovalStreams: () => number }).openApprovalStreams());

      await server.signIn(page, uniqueEmail("live-switch"));
      const workflowId = await approvalWorkflow(page);
      const started = await page.request.post(`/api/v1/workflows/${workflowId}/executions`, { data: { input: { order: 7, customer: "Bo" } } });
      expect(started.status()).toBe(202);

      await page.goto("/approvals");
      const nav = page.getByRole("navigation", { name: "Main" });
      const workspace = page.getByRole("combobox", { name: "Workspace", exact: true });
      await expect(nav.getByTestId("approvals-count")).toHaveText("1");
      const busyId = await workspace.inputValue();
      await expect.poll(openStreams).toBe(1);
      await page.evaluate(() => ((window as unknown as { liveMark: number }).liveMark = 2));

      // A second workspace, created (and switched into) from the switcher: nothing waits there.
      await page.getByRole("button", { name: "New workspace" }).click();
      await page.getByLabel("New workspace name").fill("Quiet desk");
      await page.getByRole("button", { name: "Create", exact: true }).click();
      await expect(workspace.locator("option:checked")).toHaveText("Quiet desk");
      const quietId = await workspace.inputValue();
      await expect(page.getByText("Nothing waits for approval")).toBeVisible();
      await expect(nav.getByTestId("approvals-count")).toBeHidden();
      await expect.poll(openStreams).toBe(1);

      // Back to the first workspace: its waiting approval counts again, then gone once more.
      await workspace.selectOption(busyId);
      await expect(nav.getByTestId("approvals-count")).toHaveText("1");
      await expect.poll(openStreams).toBe(1);
      await workspace.selectOption(quietId);
      await expect(workspace).toHaveValue(quietId);
      await expect(nav.getByTestId("approvals-count")).toBeHidden();
      await expect.poll(openStreams).toBe(1);
      expect(await page.evaluate(() => (window as unknown as { liveMark?: number }).liveMark)).toBe(2);
    });
  });
}
