import { expect, test } from "@playwright/test";
import { POSTGRES_SERVER } from "../playwright.config";
import { linkFromNextEmail, MAGIC_LINK, signInWithEmail, uniqueEmail } from "./support/mail";

// The PostgreSQL server runs with APP_URL=http://127.0.0.1:3100 (playwright.config.ts).

test("with APP_URL on 127.0.0.1, the emailed link and every redirect stay on 127.0.0.1 and the callbackUrl is kept", async ({ page }) => {
  const email = uniqueEmail("loopback");
  const callbackUrl = `${POSTGRES_SERVER}/executions`;
  await page.goto(`${POSTGRES_SERVER}/sign-in?${new URLSearchParams({ callbackUrl })}`);
  const link = await linkFromNextEmail(page, email, MAGIC_LINK, async () => {
    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  });
  expect(new URL(link).origin).toBe(POSTGRES_SERVER);

  // The callback's own redirect, before the browser follows it.
  const callback = await page.request.get(link, { maxRedirects: 0 });
  expect(callback.status()).toBe(302);
  expect(callback.headers().location).toBe(callbackUrl);

  await page.goto(callback.headers().location!);
  await expect(page).toHaveURL(callbackUrl);
  await expect(page.getByRole("heading", { level: 1, name: "Executions" })).toBeVisible();
  const cookies = await page.context().cookies(POSTGRES_SERVER);
  expect(cookies.find((cookie) => cookie.name === "authjs.session-token")?.domain).toBe("127.0.0.1");
});

test("a callbackUrl that leads off the origin never redirects there", async ({ page }) => {
  await signInWithEmail(page, uniqueEmail("redirects"), POSTGRES_SERVER);
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();

  // Signed in, /sign-in redirects straight to the callbackUrl: it must be "/" for all of these.
  const variants = [
    "/\t/evil.example",
    "/\n/evil.example",
    "//evil.example",
    "/\\evil.example",
    "/%2F%2Fevil.example",
    "/%5Cevil.example",
    "https://evil.example/",
    `${POSTGRES_SERVER}@evil.example/`,
    "http://localhost:3100/workflows",
  ];
  for (const callbackUrl of variants) {
    const response = await page.request.get(`${POSTGRES_SERVER}/sign-in?${new URLSearchParams({ callbackUrl })}`, { maxRedirects: 0 });
    expect(response.status(), JSON.stringify(callbackUrl)).toBeGreaterThanOrEqual(300);
    expect(response.status(), JSON.stringify(callbackUrl)).toBeLessThan(400);
    expect(response.headers().location, JSON.stringify(callbackUrl)).toBe("/");
  }

  // The reported one, in the browser: it stays on the studio.
  await page.goto(`${POSTGRES_SERVER}/sign-in?callbackUrl=%2F%09%2Fevil.example`);
  await expect(page).toHaveURL(`${POSTGRES_SERVER}/`);
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();

  // A same-origin path is still followed.
  const kept = await page.request.get(`${POSTGRES_SERVER}/sign-in?callbackUrl=%2Fworkflows`, { maxRedirects: 0 });
  expect(kept.headers().location).toBe("/workflows");
});
