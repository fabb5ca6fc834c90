import { encodeEvent, getExecutionFeed, readEventsAfter, type FeedEvent } from "@/lib/stream/execution-feed";

export { TERMINAL_EVENTS } from "@/lib/stream/execution-feed";

export type StreamOptions = {
  executionId: string;
  afterSeq: number;
  signal?: AbortSignal;
  heartbeatMs?: number;
  pollMs?: number;
  /** Bytes a client may leave unread before it is disconnected (it resumes with Last-Event-ID). */
  maxBufferedBytes?: number;
};

const encoder = new TextEncoder();
const HEARTBEAT = encoder.encode(": heartbeat\n\n");

/**
 * The events of one execution as Server-Sent Events: first those after `afterSeq` (a reconnect's
 * Last-Event-ID) from the database, then live ones from the process's shared feed of that
 * execution (one query per new batch of events, whatever the number of subscribers). Each event
 * has `id: <seq>`; comment heartbeats keep proxies from closing an idle stream; the stream ends
 * after the terminal event. A client that leaves more than `maxBufferedBytes` unread is
 * disconnected rather than holding memory (and nobody else): it reconnects with Last-Event-ID and
 * misses nothing.
 */
export function streamExecutionEvents({ executionId, afterSeq, signal, heartbeatMs = 15_000, pollMs = 2_000, maxBufferedBytes = 1_000_000 }: StreamOptions): ReadableStream<Uint8Array> {
  let closed = false;
  let leave = () => {};

  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        let last = afterSeq;
        let lastWrite = Date.now();
        /** Live events not sent yet: they wait for a catch-up from the database to close a gap. */
        const pending: FeedEvent[] = [];
        let catchingUp = false;

        const finish = () => {
          if (closed) return;
          closed = true;
          leave();
          try {
            controller.close();
          } catch {
            // already closed by the client
          }
        };
        const send = (event: FeedEvent) => {
          if (closed || event.seq <= last) return;
          controller.enqueue(event.frame);
          last = event.seq;
          lastWrite = Date.now();
          if (event.terminal) return finish();
          // A client this far behind is cut loose; it resumes from `last` on reconnect.
          if ((controller.desiredSize ?? 0) < -maxBufferedBytes) finish();
        };
        /** Sends queued live events while they follow on; returns false at a gap. */
        const sendContiguous = (): boolean => {
          while (pending.length && !closed) {
            const next = pending[0]!;
            if (next.seq > last + 1) return false;
            pending.shift();
            send(next);
          }
          return true;
        };
        /** Reads what the database has after `last` (the backlog, or a gap), then the queue. */
        const catchUp = async () => {
          if (catchingUp || closed) return;
          catchingUp = true;
          try {
            for (;;) {
              const rows = await readEventsAfter(executionId, last);
              if (closed || rows.length === 0) break;
              for (const row of rows) send(encodeEvent(row));
            }
          } catch (error) {
            console.error(`[agentry] event stream of ${executionId} failed to read; retrying`, error);
          } finally {
            catchingUp = false;
          }
          sendContiguous(); // a gap still open waits for the next tick
        };
        signal?.addEventListener("abort", finish, { once: true });
        controller.enqueue(encoder.encode("retry: 2000\n\n"));

        void (async () => {
          try {
            const feed = getExecutionFeed(executionId, Math.min(pollMs, heartbeatMs));
            await feed.ready();
            if (closed) return;
            // Join the live feed first, then replay: whatever is stored before the replay's reads
            // comes from them, whatever comes later is queued here; `send` skips what was sent.
            catchingUp = true;
            leave = feed.add({
              deliver(events) {
                pending.push(...events);
                if (!catchingUp && !sendContiguous()) void catchUp();
              },
              tick(now) {
                if (pending.length && !catchingUp) void catchUp();
                if (closed || now - lastWrite < heartbeatMs) return;
                controller.enqueue(HEARTBEAT);
                lastWrite = now;
              },
            });
            catchingUp = false;
            await catchUp();
          } catch (error) {
            console.error(`[agentry] event stream of ${executionId} failed`, error);
            finish();
          }
        })();
      },
      cancel() {
        closed = true;
        leave();
      },
    },
    // Bytes, so `desiredSize` says how much the client has left unread.
    { highWaterMark: 64 * 1024, size: (chunk) => chunk.byteLength },
  );
}
