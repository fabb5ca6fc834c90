import { describe, expect, it } from "vitest";
import { LocalRateLimiter } from "@/lib/kv/local-rate-limiter";

const rule = { limit: 2, windowMs: 1_000 };

describe("LocalRateLimiter", () => {
  it("allows `limit` hits per sliding window and says when the next slot frees up", () => {
    const limiter = new LocalRateLimiter();
    expect(limiter.hit("k", rule, 0)).toBeNull();
    expect(limiter.hit("k", rule, 400)).toBeNull();
    expect(limiter.hit("k", rule, 500)).toBe(500);
    expect(limiter.hit("k", rule, 1_001)).toBeNull();
  });

  it("forgets keys whose hits have all left the window, so distinct keys do not pile up", () => {
    const limiter = new LocalRateLimiter({ maxKeys: 1_000_000, sweepIntervalMs: 100 });
    for (let i = 0; i < 10_000; i++) limiter.hit(`ip-${i}`, rule, i % 500);
    expect(limiter.size).toBe(10_000);
    limiter.hit("later", rule, 2_000);
    expect(limiter.size).toBe(1);
  });

  it("keeps keys that still count, and their budget", () => {
    const limiter = new LocalRateLimiter({ maxKeys: 1_000, sweepIntervalMs: 10 });
    limiter.hit("busy", rule, 0);
    limiter.hit("busy", rule, 900);
    limiter.hit("idle", rule, 0);
    expect(limiter.hit("other", rule, 1_500)).toBeNull(); // sweeps: "idle" expired at 1000, "busy" lives until 1900
    expect(limiter.size).toBe(2);
    expect(limiter.hit("busy", rule, 1_600)).toBeNull(); // the hit at 0 left the window
    expect(limiter.hit("busy", rule, 1_700)).toBe(200);
  });

  it("never holds more than maxKeys, dropping the least recently hit first", () => {
    const limiter = new LocalRateLimiter({ maxKeys: 100, sweepIntervalMs: 60_000 });
    limiter.hit("kept", rule, 0);
    for (let i = 0; i < 5_000; i++) {
      limiter.hit(`flood-${i}`, rule, 1);
      if (i % 50 === 0) limiter.hit("kept", rule, 1);
      expect(limiter.size).toBeLessThanOrEqual(100);
    }
    expect(limiter.hit("kept", rule, 2)).toBe(998); // still counted: not evicted by the flood
  });
});
