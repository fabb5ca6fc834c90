import { describe, expect, it, vi } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import { rateLimit } from "@/lib/kv/rate-limit";
import { limitSignInRequest, SIGN_IN_LIMITS } from "@/lib/auth/limit-sign-in";

describe("rateLimit (in-process driver)", () => {
  it("allows `limit` hits per window, then answers 429 with Retry-After", async () => {
    const key = `k-${Math.random()}`;
    for (let i = 0; i < 3; i++) await rateLimit("test", key, { limit: 3, windowMs: 60_000 });
    const error = await rateLimit("test", key, { limit: 3, windowMs: 60_000 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(429);
    expect(Number((error as AppError).headers?.["retry-after"])).toBeGreaterThanOrEqual(59);
  });

  it("counts keys and buckets separately", async () => {
    const rule = { limit: 1, windowMs: 60_000 };
    await rateLimit("a", "same", rule);
    await expect(rateLimit("b", "same", rule)).resolves.toBeUndefined();
    await expect(rateLimit("a", "other", rule)).resolves.toBeUndefined();
  });

  it("frees the slot when the window has passed (on a pinned clock, not a sleep)", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-07-01T12:00:00Z") });
    try {
      const key = `w-${Math.random()}`;
      const rule = { limit: 1, windowMs: 60_000 };
      await rateLimit("window", key, rule);
      vi.setSystemTime(new Date("2026-07-01T12:00:59.999Z"));
      await expect(rateLimit("window", key, rule)).rejects.toMatchObject({ code: "rate_limited" });
      vi.setSystemTime(new Date("2026-07-01T12:01:00.001Z"));
      await expect(rateLimit("window", key, rule)).resolves.toBeUndefined();
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("sign-in emails", () => {
  it("are limited per address, whatever its case", async () => {
    const email = `Someone-${Math.random()}@Example.test`;
    for (let i = 0; i < SIGN_IN_LIMITS.perEmail.limit; i++) await limitSignInRequest({ email, ip: `10.0.0.${i}` });
    await expect(limitSignInRequest({ email: email.toLowerCase(), ip: "10.0.1.1" })).rejects.toMatchObject({ code: "rate_limited" });
  });

  it("are limited per client IP across addresses", async () => {
    const ip = `192.0.2.${Math.floor(Math.random() * 250)}-${Math.random()}`;
    for (let i = 0; i < SIGN_IN_LIMITS.perIp.limit; i++) await limitSignInRequest({ email: `u${i}-${Math.random()}@example.test`, ip });
    await expect(limitSignInRequest({ email: "fresh@example.test", ip })).rejects.toMatchObject({ code: "rate_limited" });
  });
});
