import { getDb } from "@/lib/db";
import { getExecutionNotifier, type EventNotice } from "@/lib/stream/execution-notifier";

export const TERMINAL_EVENTS = new Set(["execution.completed", "execution.failed", "execution.cancelled", "execution.budget_exceeded"]);
const BATCH = 500;
/** A missing number is a write still in flight; after this long it is treated as never coming. */
const GAP_PATIENCE_MS = 2_000;

export type StoredEvent = { seq: number; type: string; nodeId: string | null; data: unknown; createdAt: Date };
/** An event as its SSE frame, encoded once and shared by every subscriber. */
export type FeedEvent = { seq: number; terminal: boolean; frame: Uint8Array };

export type FeedSubscriber = {
  /** Events in `seq` order, each once; only events after the subscriber's position are passed. */
  deliver(events: FeedEvent[]): void;
  /** Called on every poll tick (heartbeats). */
  tick(now: number): void;
};

const encoder = new TextEncoder();

export function encodeEvent(event: StoredEvent): FeedEvent {
  return { seq: event.seq, terminal: TERMINAL_EVENTS.has(event.type), frame: encoder.encode(`id: ${event.seq}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`) };
}

/**
 * Reads the events with `seq > after`, in order, stopping before a gap in the numbering (a write
 * still in flight) unless the gap is older than GAP_PATIENCE_MS.
 */
export async function readEventsAfter(executionId: string, after: number): Promise<StoredEvent[]> {
  const rows = await getDb().executionEvent.findMany({
    where: { executionId, seq: { gt: after } },
    orderBy: { seq: "asc" },
    take: BATCH,
    select: { seq: true, type: true, nodeId: true, data: true, createdAt: true },
  });
  let expected = after + 1;
  for (let index = 0; index < rows.length; index++) {
    const row = rows[index]!;
    if (row.seq !== expected && Date.now() - row.createdAt.getTime() < GAP_PATIENCE_MS) return rows.slice(0, index);
    expected = row.seq + 1;
  }
  return rows;
}

/**
 * One reader per execution per process: when a notification (or the poll timer) says there is
 * something new, it reads the new rows once and hands the same encoded frames to every
 * subscriber, so an event costs one query whatever the number of subscribers.
 */
class ExecutionFeed {
  private readonly subscribers = new Set<FeedSubscriber>();
  private lastSeq: number | null = null;
  private reading: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly executionId: string,
    private readonly pollMs: number,
    private readonly onEmpty: () => void,
  ) {
    this.unsubscribe = getExecutionNotifier().subscribe(executionId, (notice: EventNotice) => {
      if (notice.seq !== undefined && this.lastSeq !== null && notice.seq <= this.lastSeq) return;
      this.read();
    });
    this.timer = setInterval(() => {
      const now = Date.now();
      for (const subscriber of this.subscribers) subscriber.tick(now);
      this.read();
    }, pollMs);
    this.timer.unref?.();
  }

  /** The feed's position is set before any subscriber replays, so nothing falls between them. */
  async ready(): Promise<void> {
    if (this.lastSeq !== null) return;
    const last = await getDb().executionEvent.aggregate({ where: { executionId: this.executionId }, _max: { seq: true } });
    this.lastSeq ??= last._max.seq ?? 0;
  }

  add(subscriber: FeedSubscriber): () => void {
    this.subscribers.add(subscriber);
    return () => {
      this.subscribers.delete(subscriber);
      if (this.subscribers.size === 0) this.close();
    };
  }

  read(): void {
    if (this.reading) {
      this.again = true;
      return;
    }
    this.reading = (async () => {
      try {
        do {
          this.again = false;
          if (this.lastSeq === null) await this.ready();
          for (;;) {
            const rows = await readEventsAfter(this.executionId, this.lastSeq!);
            if (rows.length === 0) break;
            this.lastSeq = rows.at(-1)!.seq;
            const events = rows.map(encodeEvent);
            for (const subscriber of [...this.subscribers]) subscriber.deliver(events);
            if (rows.length < BATCH) break;
          }
        } while (this.again);
      } catch (error) {
        console.error(`[agentry] reading the events of ${this.executionId} failed; retrying on the next tick`, error);
      } finally {
        this.reading = null;
      }
    })();
  }

  private close(): void {
    this.unsubscribe();
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.onEmpty();
  }
}

const holder = globalThis as unknown as { agentryFeeds?: Map<string, ExecutionFeed> };

/** The process's shared feed of an execution's events, created on first use. */
export function getExecutionFeed(executionId: string, pollMs: number): ExecutionFeed {
  const feeds = (holder.agentryFeeds ??= new Map());
  let feed = feeds.get(executionId);
  if (!feed) {
    feed = new ExecutionFeed(executionId, pollMs, () => {
      if (feeds.get(executionId) === feed) feeds.delete(executionId);
    });
    feeds.set(executionId, feed);
  }
  return feed;
}

export function openFeedCount(): number {
  return holder.agentryFeeds?.size ?? 0;
}
