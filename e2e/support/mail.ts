import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { MAIL_SINK } from "../../playwright.config";

type Message = { to: string; subject: string; text: string };

async function messagesTo(request: APIRequestContext, to: string): Promise<Message[]> {
  const response = await request.get(`${MAIL_SINK}/messages?to=${encodeURIComponent(to)}`);
  return response.json();
}

/**
 * Runs `action`, then waits for the next email to `to` that the SMTP sink receives and returns
 * the first link in it matching `pattern`.
 */
export async function linkFromNextEmail(page: Page, to: string, pattern: RegExp, action: () => Promise<void>): Promise<string> {
  const before = (await messagesTo(page.request, to)).length;
  await action();
  let link = "";
  await expect
    .poll(async () => {
      const fresh = (await messagesTo(page.request, to)).slice(before);
      link = fresh.map((message) => message.text.match(pattern)?.[0]).find(Boolean) ?? "";
      return link;
    }, { message: `an email to ${to} with a link like ${pattern}`, timeout: 15_000 })
    .not.toBe("");
  return link;
}

export const MAGIC_LINK = /http\S+\/api\/auth\/callback\/email\S+/;
export const INVITATION_LINK = /http\S+\/invite\/[A-Za-z0-9_-]+/;

/** Signs in through the real flow: the sign-in form, the emailed magic link. */
export async function signInWithEmail(page: Page, email: string, baseURL = ""): Promise<void> {
  if (!page.url().includes("/sign-in")) await page.goto(`${baseURL}/sign-in`);
  const link = await linkFromNextEmail(page, email, MAGIC_LINK, async () => {
    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  });
  await page.goto(link);
}

/**
 * Signs in on a server without SMTP (the zero-config install): the sign-in form, then the link
 * from the dev outbox page, as a newcomer does.
 */
export async function signInThroughDevOutbox(page: Page, baseURL: string, email: string): Promise<void> {
  await page.goto(`${baseURL}/sign-in`);
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await page.getByRole("link", { name: "dev outbox" }).click();
  const message = page.getByRole("listitem").filter({ has: page.getByTestId("outbox-to").getByText(email, { exact: true }) }).first();
  await message.getByRole("link", { name: /callback\/email/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
}

export function uniqueEmail(label: string): string {
  return `${label}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.test`;
}
