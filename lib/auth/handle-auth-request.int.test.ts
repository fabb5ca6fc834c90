import crypto from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { handleAuthRequest } from "@/lib/auth/handle-auth-request";
import { getDb } from "@/lib/db";

const APP_URL = "http://127.0.0.1:3500";
const saved = { APP_URL: process.env.APP_URL, AUTH_URL: process.env.AUTH_URL };

beforeEach(() => {
  // As the launcher sets them for APP_URL=http://127.0.0.1:3500.
  process.env.APP_URL = APP_URL;
  process.env.AUTH_URL = APP_URL;
});
afterEach(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

/** A magic link's token, stored the way Auth.js stores it (SHA-256 of token + secret). */
async function magicLinkToken(email: string): Promise<string> {
  const token = crypto.randomBytes(16).toString("hex");
  const hashed = crypto.createHash("sha256").update(`${token}${process.env.AUTH_SECRET}`).digest("hex");
  await getDb().verificationToken.create({ data: { identifier: email, token: hashed, expires: new Date(Date.now() + 60_000) } });
  return token;
}

// Next.js reports loopback hosts as localhost in request.url; the handler must not care.
function callbackRequest(email: string, token: string, callbackUrl: string): Request {
  return new Request(`http://localhost:3500/api/auth/callback/email?${new URLSearchParams({ callbackUrl, token, email })}`, {
    headers: { host: "localhost:3500" },
  });
}

describe("Auth.js with APP_URL on a loopback IP", () => {
  it("redirects the magic-link callback to APP_URL's origin exactly, keeping a callbackUrl on it", async () => {
    const email = `loopback-${Math.random().toString(36).slice(2)}@example.test`;
    const response = await handleAuthRequest(callbackRequest(email, await magicLinkToken(email), `${APP_URL}/executions?x=1`));
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(`${APP_URL}/executions?x=1`);
    expect(response.headers.getSetCookie().some((cookie) => cookie.startsWith("authjs.session-token="))).toBe(true);
  });

  it.each([
    ["another origin", "https://evil.example/"],
    ["localhost instead of 127.0.0.1", "http://localhost:3500/executions"],
    ["a tab that browsers drop", "/\t/evil.example"],
    ["an encoded double slash", "/%2F%2Fevil.example"],
  ])("sends a callbackUrl on %s to the studio's home instead", async (_, callbackUrl) => {
    const email = `redirect-${Math.random().toString(36).slice(2)}@example.test`;
    const response = await handleAuthRequest(callbackRequest(email, await magicLinkToken(email), callbackUrl));
    expect(response.headers.get("location")).toBe(`${APP_URL}/`);
  });

  it("builds the sign-in page redirect on APP_URL's origin", async () => {
    const response = await handleAuthRequest(new Request("http://localhost:3500/api/auth/signin"));
    const location = new URL(response.headers.get("location")!, APP_URL);
    expect(location.pathname).toBe("/sign-in");
    expect(location.searchParams.get("callbackUrl")).toBe(APP_URL);
  });
});
