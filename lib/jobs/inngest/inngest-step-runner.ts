import { NonRetriableError, StepError, referenceFunction } from "inngest";
import { UserFacingError, type StepRunner } from "@/lib/engine/types";
import { readExecutionSignal } from "@/lib/jobs/read-execution-signal";
import { recordStepRun } from "@/lib/jobs/record-step-run";
import { setExecutionWaiting } from "@/lib/jobs/set-execution-waiting";
import type { Redactor } from "@/lib/jobs/redactor";

type InngestStep = {
  run<T>(id: string, fn: () => Promise<T>): Promise<unknown>;
  sleep(id: string, duration: number): Promise<void>;
  waitForEvent(id: string, options: { event: string; timeout: number; if: string }): Promise<{ data: unknown } | null>;
  invoke?(id: string, options: { function: ReturnType<typeof referenceFunction>; data: Record<string, unknown> }): Promise<unknown>;
};

/** The function that runs an execution (inngest/functions/execute-workflow.ts), by id: importing it here would be circular. */
const EXECUTE_WORKFLOW = referenceFunction({ functionId: "execute-workflow" });

/**
 * How long the n-th slice of a wait lasts: short at first (a decision sent the moment the run
 * announced `node.waiting` is the likeliest to race the registration), then longer, capped so
 * that even a 30-day wait stays within a few hundred steps (Inngest limits steps per run).
 */
export function waitSliceMs(slice: number, timeoutMs: number): number {
  return Math.min(15_000 * 4 ** slice, Math.max(3_600_000, Math.ceil(timeoutMs / 200)));
}

/**
 * The engine's StepRunner on Inngest: Inngest memoizes each step and retries failed ones with
 * backoff; errors the engine marks as not retryable end the step at once. Every attempt is also
 * recorded in NodeRun, as on the local driver.
 */
export function inngestStepRunner(step: InngestStep, { executionId, redactor }: { executionId: string; redactor: Redactor }): StepRunner {
  return {
    async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
      try {
        return (await step.run(key, async () => {
          try {
            return await recordStepRun({ executionId, key, redactor }, fn);
          } catch (error) {
            if ((error as { retryable?: boolean }).retryable) throw error;
            throw new NonRetriableError(error instanceof Error ? error.message : String(error), { cause: error });
          }
        })) as T;
      } catch (error) {
        // A failed step comes back as Inngest's StepError with the message thrown inside it,
        // which recordStepRun already made fit for users (internal errors as an error id).
        if (error instanceof StepError) throw new UserFacingError(error.message, { cause: error });
        throw error;
      }
    },
    sleep: (key, ms) => step.sleep(key, ms),
    invokeExecution: step.invoke
      ? async (key: string, executionId: string) => {
          try {
            await step.invoke!(key, { function: EXECUTE_WORKFLOW, data: { executionId } });
          } catch {
            // The child's run failed for good or was cancelled: the caller reads what it stored.
          }
        }
      : undefined,
    async waitForEvent<T>(key: string, { event, match, timeoutMs }: { event: string; match: string; timeoutMs: number }) {
      // Inngest matches only events sent after a wait is registered, but a decision may come
      // earlier (before the run reaches the node, or between two invocations). So the decision
      // the API stored is read in a step first, and the wait goes in bounded slices, each
      // followed by another read: an event that raced past a registration is found at the end
      // of that slice at the latest.
      const condition = `async.data.executionId == ${JSON.stringify(executionId)} && async.data.nodeId == ${JSON.stringify(match)}`;
      const { deadline } = (await step.run(`${key}:until`, async () => ({ deadline: Date.now() + timeoutMs }))) as { deadline: number };
      for (let slice = 0; ; slice++) {
        const check = (await step.run(`${key}:check:${slice}`, async () => {
          const stored = await readExecutionSignal<T>({ executionId, event, match });
          const remainingMs = deadline - Date.now();
          // The API lists a run parked here as "waiting" (as the local driver does) until it goes on.
          await setExecutionWaiting({ executionId, waiting: !stored && remainingMs > 0 });
          return { stored, remainingMs };
        })) as { stored: T | null; remainingMs: number };
        if (check.stored) return check.stored;
        if (check.remainingMs <= 0) return null;
        // Inngest rounds waits under a second up to one.
        const timeout = Math.max(1000, Math.min(check.remainingMs, waitSliceMs(slice, timeoutMs)));
        const received = await step.waitForEvent(`${key}:slice:${slice}`, { event, timeout, if: condition });
        if (received) {
          await step.run(`${key}:resumed`, () => setExecutionWaiting({ executionId, waiting: false }).then(() => null));
          return received.data as T;
        }
      }
    },
  };
}
