import { expect, test, type Page } from "@playwright/test";
import { linkFromNextEmail, signInWithEmail, uniqueEmail } from "./support/mail";

const APPROVAL_LINK = /http\S+\/approve\/[A-Za-z0-9_-]+/;

type NodeSpec = { id: string; type: string; config?: Record<string, unknown>; label?: string };

async function publishWorkflow(page: Page, name: string, nodes: NodeSpec[], edges: { source: string; target: string; sourceHandle?: string }[]) {
  const graph = {
    nodes: nodes.map((node, index) => ({ id: node.id, type: node.type, position: { x: index * 260, y: 0 }, data: { label: node.label ?? node.id, config: node.config ?? {} } })),
    edges: edges.map((edge, index) => ({ id: `e${index}`, ...edge })),
  };
  const created = await (await page.request.post("/api/v1/workflows", { data: { name, graph } })).json();
  expect((await page.request.post(`/api/v1/workflows/${created.id}/publish`, { data: {} })).status()).toBe(201);
  return created.id as string;
}

const approvalWorkflow = (page: Page, name: string, approval: Record<string, unknown> = {}) =>
  publishWorkflow(
    page,
    name,
    [
      { id: "start", type: "trigger.manual" },
      { id: "review", type: "human.approval", label: "Review", config: { message: "Refund the customer?", ...approval } },
      { id: "ship", type: "flow.output", config: { name: "result", value: "refunded" } },
      { id: "hold", type: "flow.output", config: { name: "result", value: "held" } },
    ],
    [{ source: "start", target: "review" }, { source: "review", target: "ship", sourceHandle: "approved" }, { source: "review", target: "hold", sourceHandle: "rejected" }],
  );

async function startRun(page: Page, workflowId: string, input: Record<string, unknown> = {}) {
  const response = await page.request.post(`/api/v1/workflows/${workflowId}/executions`, { data: { input } });
  expect(response.status()).toBe(202);
  return ((await response.json()) as { id: string }).id;
}

test("approve a waiting run from its execution page, with a comment", async ({ page }) => {
  await signInWithEmail(page, uniqueEmail("approver"));
  const workflowId = await approvalWorkflow(page, "Refunds");
  const runId = await startRun(page, workflowId, { order: 42 });

  await page.goto(`/executions/${runId}`);
  const waiting = page.getByTestId(`approval-${runId}-review`);
  await expect(waiting).toContainText("Refund the customer?");
  await expect(page.getByTestId("execution-status")).toHaveText("waiting");
  await waiting.getByLabel("Comment (optional)").fill("Customer is right");
  await waiting.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByTestId("execution-status")).toHaveText("completed");
  await expect(page.getByTestId("execution-output")).toContainText('"result": "refunded"');
  await expect(waiting).toBeHidden();
});

test("the Approvals inbox lists waiting runs with a count, filters by workflow, updates live and decides", async ({ page }) => {
  await signInWithEmail(page, uniqueEmail("inbox"));
  const refunds = await approvalWorkflow(page, "Refunds");
  const payouts = await approvalWorkflow(page, "Payouts", { message: "Pay the partner?" });
  const waitingCount = async () => ((await (await page.request.get("/api/v1/approvals")).json()) as { count: number }).count;
  // One after the other, so that "newest first" (by when each started waiting) is known.
  const refundRun = await startRun(page, refunds);
  await expect.poll(waitingCount).toBe(1);
  const payoutRun = await startRun(page, payouts);
  await expect.poll(waitingCount).toBe(2);

  await page.goto("/");
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByTestId("approvals-count")).toHaveText("2");
  await nav.getByRole("link", { name: /Approvals/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Approvals" })).toBeVisible();
  const list = page.getByRole("list", { name: "Approvals", exact: true });
  // Newest first.
  await expect(list.getByTestId(/^approval-/)).toHaveCount(2);
  await expect(list.getByTestId(/^approval-/).first()).toHaveAttribute("data-testid", `approval-${payoutRun}-review`);

  await page.getByLabel("Workflow").selectOption({ label: "Refunds" });
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(list.getByTestId(/^approval-/)).toHaveCount(1);
  await expect(list.getByTestId(`approval-${refundRun}-review`)).toBeVisible();
  await page.getByLabel("Workflow").selectOption({ label: "All" });
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(list.getByTestId(/^approval-/)).toHaveCount(2);

  // A run that starts waiting while the inbox is open appears without a reload.
  const lateRun = await startRun(page, refunds);
  await expect(list.getByTestId(`approval-${lateRun}-review`)).toBeVisible({ timeout: 15_000 });
  await expect(nav.getByTestId("approvals-count")).toHaveText("3", { timeout: 15_000 });

  const payout = list.getByTestId(`approval-${payoutRun}-review`);
  await payout.getByLabel("Comment (optional)").fill("Not this month");
  await payout.getByRole("button", { name: "Reject" }).click();
  await expect(payout).toBeHidden();
  await expect(nav.getByTestId("approvals-count")).toHaveText("2", { timeout: 15_000 });
  await expect.poll(async () => (await (await page.request.get(`/api/v1/executions/${payoutRun}`)).json()).output).toEqual({ result: "held" });
});

test("the triggers panel: copy the webhook URL, rotate its secret, pause the schedule (list and editor)", async ({ page, context, baseURL }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
  await signInWithEmail(page, uniqueEmail("triggers"));
  const workflowId = await publishWorkflow(
    page,
    "Inbound",
    [
      { id: "hook", type: "trigger.webhook" },
      { id: "tick", type: "trigger.schedule", config: { cron: "0 9 * * 1-5", timezone: "Europe/Paris" } },
      { id: "out", type: "flow.output", config: { name: "ok", value: "yes" } },
    ],
    [{ source: "hook", target: "out" }, { source: "tick", target: "out" }],
  );

  await page.goto("/workflows");
  await page.getByRole("button", { name: "Triggers of Inbound" }).click();
  const dialog = page.getByRole("dialog", { name: "Triggers · Inbound" });
  const webhook = dialog.getByTestId("trigger-hook");
  const url = webhook.getByLabel("URL (POST)");
  await expect(url).toHaveValue(/\/api\/v1\/hooks\/[\w-]+$/);
  await webhook.getByRole("button", { name: "Copy URL" }).click();
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(await url.inputValue());

  const secret = webhook.getByTestId("webhook-secret");
  await expect(secret).toHaveAttribute("type", "password");
  await webhook.getByRole("button", { name: "Reveal" }).click();
  await expect(secret).toHaveAttribute("type", "text");
  const oldSecret = await secret.inputValue();
  await expect(webhook.getByTestId("webhook-curl")).toContainText(`X-Agentry-Secret: ${oldSecret}`);
  await webhook.getByRole("button", { name: "Rotate secret" }).click();
  await webhook.getByRole("button", { name: "Confirm rotate" }).click();
  await expect(secret).not.toHaveValue(oldSecret);
  const newSecret = await secret.inputValue();
  const hookUrl = await url.inputValue();
  expect((await page.request.post(hookUrl, { headers: { "x-agentry-secret": oldSecret }, data: {} })).status()).toBe(401);
  expect((await page.request.post(hookUrl, { headers: { "x-agentry-secret": newSecret }, data: {} })).status()).toBe(202);

  const schedule = dialog.getByTestId("trigger-tick");
  await expect(schedule.getByTestId("schedule-description")).toHaveText("At 09:00, Monday through Friday (Europe/Paris)");
  await expect(schedule.getByRole("list", { name: "Next runs" }).getByRole("listitem")).toHaveCount(5);
  await expect(schedule).toContainText("last fired never");
  await schedule.getByRole("button", { name: "Pause" }).click();
  await expect(schedule.getByTestId("trigger-state")).toHaveText("Paused");
  await expect(schedule.getByRole("list", { name: "Next runs" })).toBeHidden();
  await page.keyboard.press("Escape");

  // The editor shows the same panel; the pause was stored.
  await page.goto(`/workflows/${workflowId}`);
  await page.getByRole("toolbar", { name: "Editor" }).getByRole("button", { name: "Triggers of Inbound" }).click();
  const editorSchedule = page.getByRole("dialog").getByTestId("trigger-tick");
  await expect(editorSchedule.getByTestId("trigger-state")).toHaveText("Paused");
  await editorSchedule.getByRole("button", { name: "Resume" }).click();
  await expect(editorSchedule.getByTestId("trigger-state")).toHaveText("Active");
  await expect(editorSchedule.getByRole("list", { name: "Next runs" }).getByRole("listitem")).toHaveCount(5);
});

test("an approval node emails the member it names; the link shows the context and decides once", async ({ page, browser, baseURL }) => {
  const email = uniqueEmail("asked");
  await signInWithEmail(page, email);
  const workflowId = await approvalWorkflow(page, "Wire transfer", { message: "Send {{ input.amount }} EUR?", notifyMembers: email });
  let runId = "";
  const link = await linkFromNextEmail(page, email, APPROVAL_LINK, async () => {
    runId = await startRun(page, workflowId, { amount: 1200 });
  });
  expect(new URL(link).origin).toBe(baseURL);

  // Signed out (another browser), the link reveals nothing and asks to sign in.
  const stranger = await browser.newPage();
  await stranger.goto(link);
  await expect(stranger.getByRole("link", { name: "Sign in to review" })).toBeVisible();
  await expect(stranger.getByText("Send 1200 EUR?")).toBeHidden();
  await stranger.close();

  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Approve: Wire transfer" })).toBeVisible();
  await expect(page.getByTestId("approval-message")).toHaveText("Send 1200 EUR?");
  await expect(page.getByTestId("approval-input")).toContainText('"amount": 1200');
  // Opening it decided nothing.
  expect((await (await page.request.get(`/api/v1/executions/${runId}`)).json()).status).toBe("waiting");
  await page.getByLabel("Comment (optional)").fill("Checked the invoice");
  await page.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Approved" })).toBeVisible();
  await expect.poll(async () => (await (await page.request.get(`/api/v1/executions/${runId}`)).json()).output).toEqual({ result: "refunded" });

  await page.goto(link);
  await expect(page.getByRole("alert").filter({ hasText: "already used" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Approve" })).toBeHidden();
});
