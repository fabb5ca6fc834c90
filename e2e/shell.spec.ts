import { expect, test } from "@playwright/test";
import { EMBEDDED_SERVER } from "../playwright.config";

test("the studio shell loads and navigates between sections", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  const nav = page.getByRole("navigation", { name: "Main" });
  for (const section of ["Workflows", "Executions", "Dashboards", "Settings"]) {
    await nav.getByRole("link", { name: section }).click();
    await expect(page).toHaveURL(new RegExp(`/${section.toLowerCase()}$`));
    await expect(page.getByRole("heading", { level: 1, name: section })).toBeVisible();
    await expect(nav.getByRole("link", { name: section })).toHaveAttribute("aria-current", "page");
  }
});

test("the overview shows the database is ready on PostgreSQL", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByTestId("status-database")).toContainText("PostgreSQL");
  await expect(page.getByTestId("status-database")).toContainText("ready");
});

test("/api/health/ready is green and reports postgres", async ({ request }) => {
  const response = await request.get("/api/health/ready");
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({ status: "ok", checks: { database: { status: "ok", driver: "postgres" } } });
  const live = await request.get("/api/health");
  expect(await live.json()).toEqual({ status: "ok" });
});

test("with no DATABASE_URL the studio runs on the embedded database", async ({ page, request }) => {
  const response = await request.get(`${EMBEDDED_SERVER}/api/health/ready`);
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({ status: "ok", checks: { database: { status: "ok", driver: "embedded" } } });
  await page.goto(EMBEDDED_SERVER);
  await expect(page.getByTestId("status-database")).toContainText("Embedded PostgreSQL (PGlite)");
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("navigation stays reachable", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Executions" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Executions" })).toBeVisible();
  });
});
