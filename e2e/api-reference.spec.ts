import { expect, test } from "@playwright/test";
import { POSTGRES_SERVER } from "../playwright.config";

// /docs/api: Scalar renders /api/openapi.json in the browser (bundled, no CDN), and its try-it
// client calls this very server.

test("the API reference lists the operations of /api/openapi.json and try-it calls this server", async ({ page }) => {
  const elsewhere: string[] = [];
  page.on("request", (request) => {
    if (!request.url().startsWith(POSTGRES_SERVER) && !request.url().startsWith("data:") && !request.url().startsWith("blob:")) elsewhere.push(request.url());
  });
  const blocked: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text()) && !/unsafe-eval/.test(message.text())) blocked.push(message.text());
  });

  await page.goto("/docs/api");
  await expect(page.getByRole("heading", { level: 1, name: "Agentry REST API" })).toBeVisible();
  // Operations from the document, by their summaries and tags.
  await expect(page.getByText("Readiness: the database answers", { exact: false }).first()).toBeVisible();
  await page.getByRole("button", { name: "Open Group - Executions" }).click();
  await expect(page.getByText("Start a run of the active (or a given) version").first()).toBeVisible();
  // The error catalogue that problem+json `type`s link to is still on the page.
  await expect(page.locator("#problem-bad-request")).toContainText("400");

  // Try-it on GET /api/health: the request goes to this server and its answer is shown.
  await page.getByRole("button", { name: "Test Request (get /api/health)" }).click();
  const client = page.getByRole("dialog");
  await expect(client).toBeVisible();
  const healthCall = page.waitForResponse((response) => response.url() === `${POSTGRES_SERVER}/api/health` && response.request().method() === "GET");
  await client.getByRole("button", { name: /^Send/ }).first().click();
  expect((await healthCall).status()).toBe(200);
  await expect(client.getByText("200 OK")).toBeVisible();
  await expect(client.getByText('"ok"')).toBeVisible();

  expect(elsewhere, "requests to other origins").toEqual([]);
  expect(blocked, "requests or scripts the page's CSP blocked").toEqual([]);
});
