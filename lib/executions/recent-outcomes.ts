/** An ended execution as its waiters see it (the columns waitForExecutionEnd reads). */
export type RecentOutcome = { id: string; status: "completed" | "failed" | "cancelled" | "budget_exceeded"; output: unknown; error: string | null };

const KEEP_MS = 30_000;
const MAX_ENTRIES = 5_000;
const outcomes = new Map<string, { outcome: RecentOutcome; storedAt: number }>();

/**
 * Remembers, for a short while, how an execution ended as this process stored it, so a waiter in
 * this process (a webhook called with ?wait=true, a sub-workflow) answers without reading it back.
 * Only what was committed is remembered (the writer calls this after its statement succeeded).
 */
export function rememberOutcome(outcome: RecentOutcome) {
  if (outcomes.size >= MAX_ENTRIES) outcomes.delete(outcomes.keys().next().value!);
  outcomes.set(outcome.id, { outcome, storedAt: Date.now() });
}

export function recentOutcome(executionId: string): RecentOutcome | null {
  const entry = outcomes.get(executionId);
  if (!entry) return null;
  if (Date.now() - entry.storedAt > KEEP_MS) {
    outcomes.delete(executionId);
    return null;
  }
  return entry.outcome;
}
