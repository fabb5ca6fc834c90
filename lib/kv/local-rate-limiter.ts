export type LocalRateLimitRule = { limit: number; windowMs: number };

type Counter = { hits: number[]; expiresAt: number };

/**
 * In-process sliding-window counters that cannot grow without bound: a key is dropped once its
 * newest hit has left the window (swept at most every `sweepIntervalMs`), and past `maxKeys` the
 * least recently hit keys are dropped first. Dropping a key only forgets hits that no longer
 * count, except under a flood of more than `maxKeys` live keys, where the oldest give way.
 */
export class LocalRateLimiter {
  private readonly counters = new Map<string, Counter>(); // least recently hit first
  private nextSweepAt = 0;

  constructor(private readonly options: { maxKeys: number; sweepIntervalMs: number } = { maxKeys: 100_000, sweepIntervalMs: 60_000 }) {}

  /** Counts a hit; null when allowed, else the milliseconds until a slot frees up. */
  hit(key: string, rule: LocalRateLimitRule, now = Date.now()): number | null {
    this.sweep(now);
    const hits = (this.counters.get(key)?.hits ?? []).filter((at) => at > now - rule.windowMs);
    this.counters.delete(key);
    const allowed = hits.length < rule.limit;
    if (allowed) hits.push(now);
    this.counters.set(key, { hits, expiresAt: (hits.at(-1) ?? now) + rule.windowMs });
    while (this.counters.size > this.options.maxKeys) this.counters.delete(this.counters.keys().next().value!);
    return allowed ? null : (hits[0] ?? now) + rule.windowMs - now;
  }

  get size(): number {
    return this.counters.size;
  }

  private sweep(now: number): void {
    if (now < this.nextSweepAt) return;
    this.nextSweepAt = now + this.options.sweepIntervalMs;
    for (const [key, counter] of this.counters) if (counter.expiresAt <= now) this.counters.delete(key);
  }
}
