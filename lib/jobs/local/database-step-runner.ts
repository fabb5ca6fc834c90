import { setTimeout as delay } from "node:timers/promises";
import { getDb } from "@/lib/db";
import type { NodeResult, StepOptions, StepRunner } from "@/lib/engine/types";
import { readExecutionSignal } from "@/lib/jobs/read-execution-signal";
import { describeStepKey, recordPureStepFailure, recordReadingStep, recordStepRun, TRACED_STEP_KINDS } from "@/lib/jobs/record-step-run";
import type { Redactor } from "@/lib/jobs/redactor";
import type { ExecutionEventSink } from "@/lib/stream/execution-event-sink";
import { getExecutionNotifier } from "@/lib/stream/execution-notifier";

export type StoredStep = { key: string; status: string; result: unknown; attempts: number };

export type DatabaseStepRunnerOptions = {
  executionId: string;
  redactor: Redactor;
  signal: AbortSignal;
  /** Attempts for errors marked retryable (network, 5xx, 429); others fail at once. */
  maxAttempts?: number;
  backoffMs?: (attempt: number) => number;
  onWaiting?: (waiting: boolean) => Promise<void>;
  /** Told when the execution starts and stops sleeping or waiting (the worker frees its slot). */
  onIdle?: (idle: boolean) => void;
  signalPollMs?: number;
  /**
   * The execution's event sink: pure steps are stored with its next batch of events instead of
   * by round trips of their own (without it every step is recorded as it runs).
   */
  sink?: ExecutionEventSink;
  /** The stored steps when the caller already knows them (an execution it has just created). */
  storedSteps?: StoredStep[];
};

/**
 * The local driver's StepRunner: each step's result is stored in NodeRun before the engine moves
 * on, and a completed step is never run again — after a crash the execution replays from the
 * database, skipping what finished. Sleeps store their wake-up time; waits read ExecutionSignal,
 * woken by the execution's notifications.
 */
export class DatabaseStepRunner implements StepRunner {
  /**
   * The execution's stored steps, read once: the lease makes this runner the only writer of the
   * execution's steps while it runs, so later steps need no lookup of their own.
   */
  private memo: Promise<Map<string, StoredStep>> | null = null;

  readonly batchesPureSteps: boolean;

  constructor(private readonly options: DatabaseStepRunnerOptions) {
    this.batchesPureSteps = !!options.sink;
    if (options.storedSteps) this.memo = Promise.resolve(new Map(options.storedSteps.map((row) => [row.key, row])));
  }

  /** Whether the execution has run before (a replay after a crash, a restart or a retry). */
  async hasStoredSteps(exceptKeys: string[] = []): Promise<boolean> {
    const steps = await this.storedSteps();
    return [...steps.keys()].some((key) => !exceptKeys.includes(key));
  }

  private storedSteps(): Promise<Map<string, StoredStep>> {
    this.memo ??= getDb()
      .nodeRun.findMany({ where: { executionId: this.options.executionId }, select: { key: true, status: true, result: true, attempts: true } })
      .then((rows) => new Map(rows.map((row) => [row.key, row])));
    this.memo.catch(() => (this.memo = null)); // a failed read is tried again by the next step
    return this.memo;
  }

  async run<T>(key: string, fn: () => Promise<T>, options?: StepOptions): Promise<T> {
    const steps = await this.storedSteps();
    const existing = steps.get(key);
    if (existing?.status === "completed") return existing.result as T;
    const { sink } = this.options;
    if (options?.pure && sink) {
      // Nothing to guard against running twice: no "running" row, and the outcome is stored with
      // the events of the same batch, not awaited. Lost in a crash, it is recomputed on replay.
      const { nodeId, kind } = describeStepKey(key);
      let result: T;
      try {
        result = this.options.redactor.redact(await fn());
      } catch (caught) {
        throw await recordPureStepFailure({ executionId: this.options.executionId, key, nodeId, kind, redactor: this.options.redactor, attempts: (existing?.attempts ?? 0) + 1 }, caught);
      }
      const traced = TRACED_STEP_KINDS.includes(kind) ? (result as NodeResult) : null;
      sink
        .recordStep({ key, nodeId, kind, result, input: traced?.input, output: traced?.output, usage: traced?.usage, attempts: (existing?.attempts ?? 0) + 1 })
        .catch(() => {}); // a failed batch is written again by the next flush; the final drain reports it
      steps.set(key, { key, status: "completed", result, attempts: (existing?.attempts ?? 0) + 1 });
      return result;
    }
    if (options?.reading) {
      const result = await recordReadingStep({ executionId: this.options.executionId, key, redactor: this.options.redactor, attempts: (existing?.attempts ?? 0) + 1 }, fn);
      steps.set(key, { key, status: "completed", result: result as StoredStep["result"], attempts: (existing?.attempts ?? 0) + 1 });
      return result;
    }
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
    const { wakeAt } = await this.run(`${key}:until`, async () => ({ wakeAt: Date.now() + ms }), { reading: true });
    // Pure: a replay computes what is left of the stored wake-up time, so a finished sleep is not
    // slept again whether or not its row was stored.
    await this.run(
      key,
      async () => {
        const remaining = wakeAt - Date.now();
        if (remaining > 0) await this.idleWhile(() => delay(remaining, undefined, { signal: this.options.signal }));
        return null;
      },
      { pure: true },
    );
  }

  async waitForEvent<T>(key: string, { event, match, timeoutMs }: { event: string; match: string; timeoutMs: number }): Promise<T | null> {
    const { deadline } = await this.run(`${key}:until`, async () => ({ deadline: Date.now() + timeoutMs }), { reading: true });
    return this.run(key, async () => {
      await this.options.onWaiting?.(true);
      try {
        return await this.idleWhile(async () => {
          // A decision announces itself on the execution's channel (decideApproval), which wakes
          // this wait at once; the re-read every `signalPollMs` only covers a lost notification.
          let noticed = false;
          let wake = () => {};
          const unsubscribe = getExecutionNotifier().subscribe(this.options.executionId, () => {
            noticed = true;
            wake();
          });
          try {
            for (;;) {
              noticed = false;
              const signal = await readExecutionSignal<T>({ executionId: this.options.executionId, event, match });
              if (signal) return signal;
              if (Date.now() >= deadline) return null;
              if (noticed) continue; // announced while reading: read again at once
              const pause = new AbortController();
              wake = () => pause.abort();
              await delay(Math.min(this.options.signalPollMs ?? 5_000, deadline - Date.now()), undefined, { signal: AbortSignal.any([this.options.signal, pause.signal]) }).catch((error: unknown) => {
                if (this.options.signal.aborted) throw error; // stopped, not woken
              });
            }
          } finally {
            unsubscribe();
          }
        });
      } finally {
        await this.options.onWaiting?.(false);
      }
    });
  }

  /** A wait that holds nothing: the worker gives this execution's slot to other work meanwhile. */
  async idleWhile<T>(wait: () => Promise<T>): Promise<T> {
    this.options.onIdle?.(true);
    try {
      return await wait();
    } finally {
      this.options.onIdle?.(false);
    }
  }
}
