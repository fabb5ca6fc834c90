import { getDb } from "@/lib/db";
import { getExecutionNotifier } from "@/lib/stream/execution-notifier";

export const TERMINAL_EVENTS = new Set(["execution.completed", "execution.failed", "execution.cancelled", "execution.budget_exceeded"]);
const BATCH = 500;

export type StreamOptions = { executionId: string; afterSeq: number; signal?: AbortSignal; heartbeatMs?: number; pollMs?: number };

/**
 * The events of one execution as Server-Sent Events: first those after `afterSeq` (a reconnect's
 * Last-Event-ID), then new ones as they are stored, each with `id: <seq>`; comment heartbeats
 * keep proxies from closing an idle stream; it ends after the terminal event. Everything comes
 * from the database, so a reconnect never misses or repeats an event.
 */
export function streamExecutionEvents({ executionId, afterSeq, signal, heartbeatMs = 15_000, pollMs = 2_000 }: StreamOptions): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let closed = false;
  let wake: (() => void) | null = null;
  const notifier = getExecutionNotifier();
  let unsubscribe = () => {};

  return new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => {
        if (!closed) controller.enqueue(encoder.encode(text));
      };
      const finish = () => {
        if (closed) return;
        closed = true;
        unsubscribe();
        wake?.();
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      unsubscribe = notifier.subscribe(executionId, () => wake?.());
      signal?.addEventListener("abort", finish, { once: true });
      send("retry: 2000\n\n");
      void (async () => {
        let last = afterSeq;
        let lastWrite = Date.now();
        try {
          while (!closed) {
            const events = await getDb().executionEvent.findMany({
              where: { executionId, seq: { gt: last } },
              orderBy: { seq: "asc" },
              take: BATCH,
              select: { seq: true, type: true, nodeId: true, data: true, createdAt: true },
            });
            for (const event of events) {
              send(`id: ${event.seq}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
              last = event.seq;
              lastWrite = Date.now();
              if (TERMINAL_EVENTS.has(event.type)) return finish();
            }
            if (events.length === BATCH) continue;
            await new Promise<void>((resolve) => {
              const timer = setTimeout(resolve, Math.min(pollMs, heartbeatMs));
              wake = () => {
                clearTimeout(timer);
                resolve();
              };
            });
            wake = null;
            if (Date.now() - lastWrite >= heartbeatMs) {
              send(": heartbeat\n\n");
              lastWrite = Date.now();
            }
          }
        } catch (error) {
          console.error(`[agentry] event stream of ${executionId} failed`, error);
          finish();
        }
      })();
    },
    cancel() {
      closed = true;
      unsubscribe();
      wake?.();
    },
  });
}
