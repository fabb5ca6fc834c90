import { getDb } from "@/lib/db";
import { recentOutcome } from "@/lib/executions/recent-outcomes";
import { isRunningInThisProcess } from "@/lib/jobs/local/local-worker";
import { hasEnded } from "@/lib/schemas/execution";
import { getExecutionNotifier } from "@/lib/stream/execution-notifier";

/**
 * Waits until an execution has ended; resolves with its final status, output and error, or null
 * when `timeoutMs` passes first. An aborted `signal` rejects. Woken by the notification of the
 * execution's terminal event (sent after its final status is stored), so it answers as soon as the
 * run ends; the `pollMs` re-check only covers a lost notification.
 */
export async function waitForExecutionEnd(executionId: string, { timeoutMs = Infinity, signal, pollMs = 1_000 }: { timeoutMs?: number; signal?: AbortSignal; pollMs?: number } = {}) {
  const deadline = Date.now() + timeoutMs;
  let wake: () => void = () => {};
  let notified = false;
  let first = true;
  const unsubscribe = getExecutionNotifier().subscribe(executionId, ({ ended }) => {
    if (!ended) return;
    notified = true;
    wake();
  });
  try {
    for (;;) {
      notified = false;
      const ended = recentOutcome(executionId);
      if (ended) return ended;
      // Running in this process (a run it has just started): its end is told here, unread.
      const runningHere = first && isRunningInThisProcess(executionId);
      first = false;
      if (!runningHere) {
        const current = await getDb().execution.findUniqueOrThrow({ where: { id: executionId }, select: { id: true, status: true, output: true, error: true } });
        if (hasEnded(current.status)) return current;
      }
      if (Date.now() >= deadline) return null;
      if (notified) continue; // an event arrived while reading: read again at once
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(done, Math.min(pollMs, Math.max(0, deadline - Date.now())));
        const onAbort = () => {
          clearTimeout(timer);
          reject(signal!.reason ?? new Error("aborted"));
        };
        function done() {
          clearTimeout(timer);
          signal?.removeEventListener("abort", onAbort);
          resolve();
        }
        if (signal?.aborted) return onAbort();
        signal?.addEventListener("abort", onAbort, { once: true });
        wake = done;
      });
    }
  } finally {
    unsubscribe();
  }
}
