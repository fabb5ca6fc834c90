import { getDb } from "@/lib/db";

/**
 * The stored signal (e.g. an approval decision) for one wait of an execution, or null. The API
 * stores every decision it accepts in ExecutionSignal first, so both drivers can read it whenever
 * the run gets to the wait — before, during or after the moment the decision was made.
 */
export async function readExecutionSignal<T = unknown>({ executionId, event, match }: { executionId: string; event: string; match: string }): Promise<T | null> {
  const signal = await getDb().executionSignal.findUnique({
    where: { executionId_event_match: { executionId, event, match } },
    select: { data: true },
  });
  return signal ? (signal.data as T) : null;
}
