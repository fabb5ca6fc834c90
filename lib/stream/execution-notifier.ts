import { EventEmitter } from "node:events";
import pg from "pg";
import { getDb } from "@/lib/db";
import { getEnv, requireDatabaseUrl, selectDrivers } from "@/lib/env";

export const EXECUTION_EVENTS_CHANNEL = "agentry_execution_events";
const CHANNEL = EXECUTION_EVENTS_CHANNEL;
/** Payload: `<executionId> <seq>[ ended]`; "ended" marks the execution's terminal event. */
const ENDED_MARKER = "ended";

/** What a notification says: the stored event's number, and whether it ended the execution. */
export type EventNotice = { seq?: number; ended: boolean };

/** The emitter's name for "any execution" (a symbol never collides with an execution id). */
const ANY_EXECUTION = Symbol("any execution");

/**
 * Tells live subscribers that an execution has new events. Within a process through an event
 * emitter; across processes (several app instances, a separate worker) through PostgreSQL
 * LISTEN/NOTIFY. Subscribers also poll now and then, so a lost notification only delays them.
 * (The embedded database serves one process, which the emitter covers.)
 */
class ExecutionNotifier {
  private readonly emitter = new EventEmitter().setMaxListeners(0);
  private listening: Promise<void> | null = null;

  private get crossProcess(): boolean {
    return isCrossProcessNotify();
  }

  private listen(): Promise<void> {
    this.listening ??= (async () => {
      const client = new pg.Client({ connectionString: requireDatabaseUrl(getEnv()) });
      client.on("notification", (message) => {
        if (!message.payload) return;
        const [executionId = "", seq, marker] = message.payload.split(" ");
        const notice: EventNotice = { seq: seq ? Number(seq) : undefined, ended: marker === ENDED_MARKER };
        this.emitter.emit(executionId, notice);
        this.emitter.emit(ANY_EXECUTION, executionId, notice);
      });
      client.on("error", (error) => {
        console.error("[agentry] event notifications lost their connection; reconnecting", error.message);
        this.listening = null;
        setTimeout(() => void this.listen().catch(() => {}), 1000);
      });
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
    })().catch((error) => {
      this.listening = null;
      throw error;
    });
    return this.listening;
  }

  subscribe(executionId: string, onEvent: (notice: EventNotice) => void): () => void {
    if (this.crossProcess) void this.listen().catch((error) => console.error("[agentry] LISTEN failed; subscribers fall back to polling", error.message));
    this.emitter.on(executionId, onEvent);
    return () => this.emitter.off(executionId, onEvent);
  }

  /** Tells this process's subscribers only (the writer sent the NOTIFY with its own statement). */
  notifyLocally(executionId: string, notice: EventNotice) {
    this.emitter.emit(executionId, notice);
    this.emitter.emit(ANY_EXECUTION, executionId, notice);
  }

  /**
   * Every execution's notices, through the same LISTEN connection (workspace-level feeds such as
   * lib/stream/workspace-feed.ts). A notice may arrive twice: from this process and back via NOTIFY.
   */
  subscribeAll(onEvent: (executionId: string, notice: EventNotice) => void): () => void {
    if (this.crossProcess) void this.listen().catch((error) => console.error("[agentry] LISTEN failed; subscribers fall back to polling", error.message));
    this.emitter.on(ANY_EXECUTION, onEvent);
    return () => this.emitter.off(ANY_EXECUTION, onEvent);
  }

  async publish(executionId: string, { seq, ended = false }: { seq?: number; ended?: boolean } = {}): Promise<void> {
    this.emitter.emit(executionId, { seq, ended } satisfies EventNotice);
    this.emitter.emit(ANY_EXECUTION, executionId, { seq, ended } satisfies EventNotice);
    const payload = [executionId, seq ?? "", ended ? ENDED_MARKER : ""].join(" ").trimEnd();
    if (this.crossProcess) await getDb().$executeRaw`SELECT pg_notify(${CHANNEL}, ${payload})`;
  }

  listenerCount(executionId?: string): number {
    return this.emitter.listenerCount(executionId ?? ANY_EXECUTION);
  }
}

/** Whether notifications cross processes through PostgreSQL NOTIFY (a database server, not the embedded one). */
export function isCrossProcessNotify(): boolean {
  return selectDrivers(getEnv()).database === "postgres";
}

const holder = globalThis as unknown as { agentryNotifier?: ExecutionNotifier };

export function getExecutionNotifier(): ExecutionNotifier {
  holder.agentryNotifier ??= new ExecutionNotifier();
  return holder.agentryNotifier;
}
