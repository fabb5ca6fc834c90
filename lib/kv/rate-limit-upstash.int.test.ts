import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REDIS_URL, startUpstashRestFake } from "@/scripts/testing/upstash-rest-fake";

// UPSTASH_* must be set before lib/env is first read (vitest isolates each test file's modules).
let fake: Awaited<ReturnType<typeof startUpstashRestFake>> | undefined;
beforeAll(async () => {
  const token = crypto.randomUUID();
  try {
    fake = await startUpstashRestFake(token);
  } catch (error) {
    console.warn(`[kv] Redis not reachable at ${REDIS_URL} (${error instanceof Error ? error.message : error}): the Upstash driver test is skipped`);
    return;
  }
  process.env.UPSTASH_REDIS_REST_URL = fake.url;
  process.env.UPSTASH_REDIS_REST_TOKEN = token;
});
afterAll(async () => {
  await fake?.stop();
  delete process.env.UPSTASH_REDIS_REST_URL;
  delete process.env.UPSTASH_REDIS_REST_TOKEN;
});

describe("rateLimit on Upstash Redis (REST wire format, real Redis behind it)", () => {
  it("selects the upstash driver, counts in Redis, and answers 429 with Retry-After past the limit", async (context) => {
    if (!fake) return context.skip();
    const { getEnv, selectDrivers } = await import("@/lib/env");
    const { rateLimit } = await import("@/lib/kv/rate-limit");
    expect(selectDrivers(getEnv()).kv).toBe("upstash");

    const key = `user-${crypto.randomUUID()}`;
    const rule = { limit: 3, windowMs: 60_000 };
    for (let i = 0; i < 3; i++) await rateLimit("upstash-test", key, rule);
    const error = await rateLimit("upstash-test", key, rule).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: "rate_limited" });
    expect(Number((error as { headers: Record<string, string> }).headers["retry-after"])).toBeGreaterThan(0);

    const keys = await fake.redis.keys(`agentry:rl:upstash-test:${key}*`);
    expect(keys.length).toBeGreaterThan(0);
    await fake.redis.del(keys);
  });
});
