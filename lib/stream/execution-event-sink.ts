import { getDb } from "@/lib/db";
import type { EngineEvent, EventSink } from "@/lib/engine/types";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Redactor } from "@/lib/jobs/redactor";
import { getExecutionNotifier } from "@/lib/stream/execution-notifier";
import { TERMINAL_EVENTS } from "@/lib/stream/stream-execution-events";

export type ExecutionEventType = EngineEvent["type"] | "execution.started" | "execution.completed" | "execution.failed" | "execution.cancelled" | "execution.budget_exceeded";
export type StoredEvent = { type: ExecutionEventType; nodeId?: string; data: Record<string, unknown> };

const TOKEN_FLUSH_MS = 50;

/**
 * Appends an execution's events to ExecutionEvent with a gap-free per-execution sequence.
 * A promise chain keeps this writer's order; another writer of the same execution (parallel
 * steps on Inngest run in parallel requests) makes a taken number retry at the new end. LLM token
 * deltas are batched per node (every 50 ms, and before that node's next event).
 */
export class ExecutionEventSink implements EventSink {
  private chain: Promise<unknown> = Promise.resolve();
  private nextSeq: number | null = null;
  private tokens = new Map<string, { nodeId: string; key: string; delta: string }>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly executionId: string,
    private readonly redactor?: Redactor,
  ) {}

  emit(event: EngineEvent): Promise<void> {
    if (event.type === "node.token") {
      const pending = this.tokens.get(event.key);
      if (pending) pending.delta += event.delta;
      else this.tokens.set(event.key, { nodeId: event.nodeId, key: event.key, delta: event.delta });
      this.timer ??= setTimeout(() => void this.flushTokens(), TOKEN_FLUSH_MS);
      return Promise.resolve();
    }
    const { type, nodeId, ...data } = event;
    return this.append({ type, nodeId, data });
  }

  /** Appends one event after any buffered tokens; resolves once it is stored. */
  append(event: StoredEvent): Promise<void> {
    this.flushTokens();
    return this.enqueue(event);
  }

  /** Waits until everything emitted so far is stored. */
  async drain(): Promise<void> {
    this.flushTokens();
    await this.chain;
  }

  private flushTokens() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batches = [...this.tokens.values()];
    this.tokens.clear();
    for (const batch of batches) void this.enqueue({ type: "node.token", nodeId: batch.nodeId, data: { key: batch.key, delta: batch.delta } });
  }

  private enqueue(event: StoredEvent): Promise<void> {
    const write = this.chain.then(async () => {
      const db = getDb();
      const data = (this.redactor ? this.redactor.redact(event.data) : event.data) as Prisma.InputJsonObject;
      let seq = 0;
      for (let attempt = 1; ; attempt++) {
        if (this.nextSeq === null) {
          const last = await db.executionEvent.aggregate({ where: { executionId: this.executionId }, _max: { seq: true } });
          this.nextSeq = (last._max.seq ?? 0) + 1;
        }
        seq = this.nextSeq++;
        try {
          await db.executionEvent.create({ data: { executionId: this.executionId, seq, type: event.type, nodeId: event.nodeId ?? null, data } });
          break;
        } catch (error) {
          // Read the end of the sequence again before the next write, so a failed write leaves no
          // gap. On Inngest, parallel branches run as parallel requests, each with a sink of its
          // own: another writer took this number, so retry at the new end.
          this.nextSeq = null;
          if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") || attempt >= 20) throw error;
        }
      }
      await getExecutionNotifier().publish(this.executionId, { seq, ended: TERMINAL_EVENTS.has(event.type) });
    });
    this.chain = write.catch((error) => console.error("[agentry] storing an execution event failed", error));
    return write;
  }
}
