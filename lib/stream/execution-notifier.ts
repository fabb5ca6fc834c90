import { EventEmitter } from "node:events";
import pg from "pg";
import { getDb } from "@/lib/db";
import { getEnv, requireDatabaseUrl, selectDrivers } from "@/lib/env";

const CHANNEL = "agentry_execution_events";
/** Payload: `<executionId> <seq>[ ended]`; "ended" marks the execution's terminal event. */
const ENDED_MARKER = "ended";

/** What a notification says: the stored event's number, and whether it ended the execution. */
export type EventNotice = { seq?: number; ended: boolean };

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
    return selectDrivers(getEnv()).database === "postgres";
  }

  private listen(): Promise<void> {
    this.listening ??= (async () => {
      const client = new pg.Client({ connectionString: requireDatabaseUrl(getEnv()) });
      client.on("notification", (message) => {
        if (!message.payload) return;
        const [executionId = "", seq, marker] = message.payload.split(" ");
        this.emitter.emit(executionId, { seq: seq ? Number(seq) : undefined, ended: marker === ENDED_MARKER } satisfies EventNotice);
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

  async publish(executionId: string, { seq, ended = false }: { seq?: number; ended?: boolean } = {}): Promise<void> {
    this.emitter.emit(executionId, { seq, ended } satisfies EventNotice);
    const payload = [executionId, seq ?? "", ended ? ENDED_MARKER : ""].join(" ").trimEnd();
    if (this.crossProcess) await getDb().$executeRaw`SELECT pg_notify(${CHANNEL}, ${payload})`;
  }

  listenerCount(executionId: string): number {
    return this.emitter.listenerCount(executionId);
  }
}

const holder = globalThis as unknown as { agentryNotifier?: ExecutionNotifier };

export function getExecutionNotifier(): ExecutionNotifier {
  holder.agentryNotifier ??= new ExecutionNotifier();
  return holder.agentryNotifier;
}
