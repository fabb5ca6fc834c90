import { Ratelimit } from "@upstash/ratelimit";
import { Redis } from "@upstash/redis";
import { getEnv, selectDrivers } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import { LocalRateLimiter } from "@/lib/kv/local-rate-limiter";

export type RateLimitRule = { limit: number; windowMs: number };

const holder = globalThis as unknown as {
  agentryLimiters?: Map<string, Ratelimit>;
  agentryLocalLimiter?: LocalRateLimiter;
};

/**
 * Counts one hit for `key` in `bucket`; over the limit throws 429 with Retry-After.
 * Upstash (sliding window, shared by every instance) when UPSTASH_* is set; otherwise an
 * in-process sliding window (one instance, reset on restart, old keys expire).
 */
export async function rateLimit(bucket: string, key: string, rule: RateLimitRule): Promise<void> {
  const env = getEnv();
  const retryAfterMs =
    selectDrivers(env).kv === "upstash"
      ? await upstashHit(bucket, key, rule, env.UPSTASH_REDIS_REST_URL!, env.UPSTASH_REDIS_REST_TOKEN!)
      : (holder.agentryLocalLimiter ??= new LocalRateLimiter()).hit(`${bucket}:${key}`, rule);
  if (retryAfterMs !== null) {
    const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
    throw new AppError("rate_limited", `Too many requests; try again in ${seconds} s.`, { headers: { "retry-after": String(seconds) } });
  }
}

async function upstashHit(bucket: string, key: string, rule: RateLimitRule, url: string, token: string): Promise<number | null> {
  holder.agentryLimiters ??= new Map();
  const id = `${bucket}:${rule.limit}:${rule.windowMs}`;
  let limiter = holder.agentryLimiters.get(id);
  if (!limiter) {
    limiter = new Ratelimit({
      redis: new Redis({ url, token }),
      limiter: Ratelimit.slidingWindow(rule.limit, `${rule.windowMs} ms`),
      prefix: `agentry:rl:${bucket}`,
    });
    holder.agentryLimiters.set(id, limiter);
  }
  const result = await limiter.limit(key);
  return result.success ? null : Math.max(0, result.reset - Date.now());
}
