import { expect, test } from "@playwright/test";
import { EMBEDDED_SERVER } from "../playwright.config";
import { signInThroughDevOutbox, signInWithEmail, uniqueEmail } from "./support/mail";

test("signed out, the studio sends you to sign in", async ({ page }) => {
  await page.goto("/workflows");
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByRole("heading", { name: "Sign in to Agentry" })).toBeVisible();
});

test("the studio shell loads and navigates between sections", async ({ page }) => {
  await signInWithEmail(page, uniqueEmail("shell"));
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  const nav = page.getByRole("navigation", { name: "Main" });
  for (const section of ["Workflows", "Executions", "Dashboards", "Settings"]) {
    await nav.getByRole("link", { name: section }).click();
    await expect(page).toHaveURL(new RegExp(`/${section.toLowerCase()}$`));
    await expect(page.getByRole("heading", { level: 1, name: section })).toBeVisible();
    await expect(nav.getByRole("link", { name: section })).toHaveAttribute("aria-current", "page");
  }
  await expect(page.getByTestId("status-database")).toHaveCount(0);
  await nav.getByRole("link", { name: "Overview" }).click();
  await expect(page.getByTestId("status-database")).toContainText("PostgreSQL");
  await expect(page.getByTestId("status-database")).toContainText("ready");

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { name: "Sign in to Agentry" })).toBeVisible();
  await page.goto("/settings");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("/api/health/ready is green and reports postgres", async ({ request }) => {
  // The driver is the server that answers (PGlite says so in version()): if the test database
  // fell back to embedded PGlite, this fails instead of passing on the fallback.
  const response = await request.get("/api/health/ready");
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({ status: "ok", checks: { database: { status: "ok", driver: "postgres" } } });
  const live = await request.get("/api/health");
  expect(await live.json()).toEqual({ status: "ok" });
});

test("with no DATABASE_URL and no SMTP, the studio runs on the embedded database and the dev outbox", async ({ page, request }) => {
  const response = await request.get(`${EMBEDDED_SERVER}/api/health/ready`);
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({ status: "ok", checks: { database: { status: "ok", driver: "embedded" } }, drivers: { mail: "outbox" } });

  const email = uniqueEmail("newcomer");
  await signInThroughDevOutbox(page, EMBEDDED_SERVER, email);
  await expect(page.getByTestId("current-user")).toHaveText(email);
  await expect(page.getByTestId("status-database")).toContainText("Embedded PostgreSQL (PGlite)");
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("navigation stays reachable", async ({ page }) => {
    await signInWithEmail(page, uniqueEmail("phone"));
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Executions" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Executions" })).toBeVisible();
  });
});
