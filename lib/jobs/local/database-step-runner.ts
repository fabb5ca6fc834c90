import { setTimeout as delay } from "node:timers/promises";
import { getDb } from "@/lib/db";
import type { StepRunner } from "@/lib/engine/types";
import { readExecutionSignal } from "@/lib/jobs/read-execution-signal";
import { recordStepRun } from "@/lib/jobs/record-step-run";
import type { Redactor } from "@/lib/jobs/redactor";

type StoredStep = { key: string; status: string; result: unknown; attempts: number };

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
  /**
   * The execution's stored steps, read once: the lease makes this runner the only writer of the
   * execution's steps while it runs, so later steps need no lookup of their own.
   */
  private memo: Promise<Map<string, StoredStep>> | null = null;

  constructor(private readonly options: DatabaseStepRunnerOptions) {}

  private storedSteps(): Promise<Map<string, StoredStep>> {
    this.memo ??= getDb()
      .nodeRun.findMany({ where: { executionId: this.options.executionId }, select: { key: true, status: true, result: true, attempts: true } })
      .then((rows) => new Map(rows.map((row) => [row.key, row])));
    this.memo.catch(() => (this.memo = null)); // a failed read is tried again by the next step
    return this.memo;
  }

  async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const steps = await this.storedSteps();
    const existing = steps.get(key);
    if (existing?.status === "completed") return existing.result as T;
    const maxAttempts = this.options.maxAttempts ?? 3;
    for (let attempt = (existing?.attempts ?? 0) + 1; ; attempt++) {
      try {
        const result = await recordStepRun({ executionId: this.options.executionId, key, redactor: this.options.redactor }, fn);
        steps.set(key, { key, status: "completed", result: result as StoredStep["result"], attempts: attempt });
        return result;
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
          const signal = await readExecutionSignal<T>({ executionId: this.options.executionId, event, match });
          if (signal) return signal;
          if (Date.now() >= deadline) return null;
          await delay(Math.min(this.options.signalPollMs ?? 500, deadline - Date.now()), undefined, { signal: this.options.signal });
        }
      } finally {
        await this.options.onWaiting?.(false);
      }
    });
  }
}
