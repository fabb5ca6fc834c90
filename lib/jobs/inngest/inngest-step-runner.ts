import { NonRetriableError } from "inngest";
import type { StepRunner } from "@/lib/engine/types";
import { recordStepRun } from "@/lib/jobs/record-step-run";
import type { Redactor } from "@/lib/jobs/redactor";

type InngestStep = {
  run<T>(id: string, fn: () => Promise<T>): Promise<unknown>;
  sleep(id: string, duration: number): Promise<void>;
  waitForEvent(id: string, options: { event: string; timeout: number; if: string }): Promise<{ data: unknown } | null>;
};

/**
 * The engine's StepRunner on Inngest: Inngest memoizes each step and retries failed ones with
 * backoff; errors the engine marks as not retryable end the step at once. Every attempt is also
 * recorded in NodeRun, as on the local driver.
 */
export function inngestStepRunner(step: InngestStep, { executionId, redactor }: { executionId: string; redactor: Redactor }): StepRunner {
  return {
    async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
      return (await step.run(key, async () => {
        try {
          return await recordStepRun({ executionId, key, redactor }, fn);
        } catch (error) {
          if ((error as { retryable?: boolean }).retryable) throw error;
          throw new NonRetriableError(error instanceof Error ? error.message : String(error), { cause: error });
        }
      })) as T;
    },
    sleep: (key, ms) => step.sleep(key, ms),
    async waitForEvent<T>(key: string, { event, match, timeoutMs }: { event: string; match: string; timeoutMs: number }) {
      const received = await step.waitForEvent(key, {
        event,
        timeout: timeoutMs,
        if: `async.data.executionId == ${JSON.stringify(executionId)} && async.data.nodeId == ${JSON.stringify(match)}`,
      });
      return (received?.data as T | undefined) ?? null;
    },
  };
}
