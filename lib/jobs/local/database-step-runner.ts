import { setTimeout as delay } from "node:timers/promises";
import { getDb } from "@/lib/db";
import type { StepRunner } from "@/lib/engine/types";
import { recordStepRun } from "@/lib/jobs/record-step-run";
import type { Redactor } from "@/lib/jobs/redactor";

export type DatabaseStepRunnerOptions = {
  executionId: string;
  redactor: Redactor;
  signal: AbortSignal;
  /** Attempts for errors marked retryable (network, 5xx, 429); others fail at once. */
  maxAttempts?: number;
  backoffMs?: (attempt: number) => number;
  onWaiting?: (waiting: boolean) => Promise<void>;
  signalPollMs?: number;
};

/**
 * The local driver's StepRunner: each step's result is stored in NodeRun before the engine moves
 * on, and a completed step is never run again — after a crash the execution replays from the
 * database, skipping what finished. Sleeps store their wake-up time; waits poll ExecutionSignal.
 */
export class DatabaseStepRunner implements StepRunner {
  constructor(private readonly options: DatabaseStepRunnerOptions) {}

  async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const existing = await getDb().nodeRun.findUnique({
      where: { executionId_key: { executionId: this.options.executionId, key } },
      select: { status: true, result: true, attempts: true },
    });
    if (existing?.status === "completed") return existing.result as T;
    const maxAttempts = this.options.maxAttempts ?? 3;
    for (let attempt = (existing?.attempts ?? 0) + 1; ; attempt++) {
      try {
        return await recordStepRun({ executionId: this.options.executionId, key, redactor: this.options.redactor }, fn);
      } catch (error) {
        const retryable = (error as { retryable?: boolean }).retryable === true;
        if (!retryable || attempt >= maxAttempts || this.options.signal.aborted) throw error;
        await delay((this.options.backoffMs ?? ((n) => 500 * 2 ** (n - 1)))(attempt), undefined, { signal: this.options.signal });
      }
    }
  }

  async sleep(key: string, ms: number): Promise<void> {
    const { wakeAt } = await this.run(`${key}:until`, async () => ({ wakeAt: Date.now() + ms }));
    await this.run(key, async () => {
      const remaining = wakeAt - Date.now();
      if (remaining > 0) await delay(remaining, undefined, { signal: this.options.signal });
      return null;
    });
  }

  async waitForEvent<T>(key: string, { event, match, timeoutMs }: { event: string; match: string; timeoutMs: number }): Promise<T | null> {
    const { deadline } = await this.run(`${key}:until`, async () => ({ deadline: Date.now() + timeoutMs }));
    return this.run(key, async () => {
      await this.options.onWaiting?.(true);
      try {
        for (;;) {
          const signal = await getDb().executionSignal.findUnique({
            where: { executionId_event_match: { executionId: this.options.executionId, event, match } },
            select: { data: true },
          });
          if (signal) return signal.data as T;
          if (Date.now() >= deadline) return null;
          await delay(Math.min(this.options.signalPollMs ?? 500, deadline - Date.now()), undefined, { signal: this.options.signal });
        }
      } finally {
        await this.options.onWaiting?.(false);
      }
    });
  }
}
