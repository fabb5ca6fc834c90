import crypto from "node:crypto";
import { getDb } from "@/lib/db";
import type { EngineEvent, EventSink } from "@/lib/engine/types";
import { Prisma } from "@/lib/generated/prisma/client";
import { rememberOutcome, type RecentOutcome } from "@/lib/executions/recent-outcomes";
import type { Redactor } from "@/lib/jobs/redactor";
import { toStorableJsonText } from "@/lib/storage/storable-text";
import { EXECUTION_EVENTS_CHANNEL, getExecutionNotifier, isCrossProcessNotify } from "@/lib/stream/execution-notifier";
import { TERMINAL_EVENTS } from "@/lib/stream/stream-execution-events";

export type ExecutionEventType = EngineEvent["type"] | "execution.started" | "execution.completed" | "execution.failed" | "execution.cancelled" | "execution.budget_exceeded";
export type StoredEvent = { type: ExecutionEventType; nodeId?: string; data: Record<string, unknown> };

/** A completed step written with the events of the same batch (the local driver's pure steps). */
export type CompletedStepRow = {
  key: string;
  nodeId: string;
  kind: string;
  result: unknown;
  input?: unknown;
  output?: unknown;
  attempts: number;
  usage?: { inputTokens?: number; outputTokens?: number; costUsd?: number; model?: string };
};

const TOKEN_FLUSH_MS = 50;
/** Events a replay would emit again for a recomputed pure step: dropped when already stored. */
const REPLAYABLE_EVENTS = new Set(["node.started", "node.completed", "node.skipped"]);

/** An execution's end, stored with its terminal event in one statement. */
export type ExecutionOutcome = {
  status: "completed" | "failed" | "cancelled" | "budget_exceeded";
  output: unknown;
  error: string | null;
  failedNodeId: string | null;
  usage: { inputTokens: number; outputTokens: number; costUsd: number };
};

type Waiter = { resolve: () => void; reject: (error: unknown) => void };
type Batch = { events: StoredEvent[]; steps: CompletedStepRow[]; outcome: ExecutionOutcome | null; waiters: Waiter[] };
const emptyBatch = (): Batch => ({ events: [], steps: [], outcome: null, waiters: [] });

/**
 * Appends an execution's events to ExecutionEvent with a gap-free per-execution sequence, in
 * batches: everything emitted before the event loop turns is written by one statement (one
 * multi-row insert of events and completed steps, the notification in the same statement), so a
 * run of pure nodes costs one round trip instead of several per node. Batches are written one at a
 * time, in order; numbers are taken at write time from the stored end of the sequence, so a batch
 * that fails leaves no gap, and another writer of the same execution (parallel steps on Inngest
 * run in parallel requests) makes a taken number retry at the new end. A failed batch stays
 * queued: the next flush writes it again, and its awaiters see the error. LLM token deltas are
 * batched per node (every 50 ms, and before that node's next event).
 */
export class ExecutionEventSink implements EventSink {
  private pending: Batch = emptyBatch();
  private writing: Promise<void> | null = null;
  private scheduled = false;
  private tokens = new Map<string, { nodeId: string; key: string; delta: string }>();
  private timer: NodeJS.Timeout | null = null;
  /** `type|key` of node events already stored (set on replay). */
  private stored: Set<string> | null = null;

  constructor(
    private readonly executionId: string,
    private readonly redactor?: Redactor,
  ) {}

  emit(event: EngineEvent): Promise<void> {
    if (event.type === "node.token") {
      const pending = this.tokens.get(event.key);
      if (pending) pending.delta += event.delta;
      else this.tokens.set(event.key, { nodeId: event.nodeId, key: event.key, delta: event.delta });
      this.timer ??= setTimeout(() => this.flushTokens(), TOKEN_FLUSH_MS);
      return Promise.resolve();
    }
    if (this.stored && REPLAYABLE_EVENTS.has(event.type) && this.stored.has(`${event.type}|${event.key}`)) return Promise.resolve();
    const { type, nodeId, ...data } = event;
    return this.append({ type, nodeId, data });
  }

  /** Appends one event after any buffered tokens; resolves once it is stored. */
  append(event: StoredEvent): Promise<void> {
    this.flushTokens();
    return this.enqueue((batch) => batch.events.push(event));
  }

  /** Stores a completed step with the events of the same batch; resolves once it is stored. */
  recordStep(row: CompletedStepRow): Promise<void> {
    return this.enqueue((batch) => batch.steps.push(row));
  }

  /**
   * Stores the execution's end: its status, output and usage, its lease released, and its
   * terminal event, with everything still queued, in one statement. Resolves once stored.
   */
  finishExecution(outcome: ExecutionOutcome): Promise<void> {
    this.flushTokens();
    const { status, output, error, failedNodeId, usage } = outcome;
    return this.enqueue((batch) => {
      batch.events.push({ type: `execution.${status}`, data: { status, output, error, failedNodeId, usage } });
      batch.outcome = outcome;
    });
  }

  /** Waits until everything emitted so far is stored (rejects if that fails). */
  async drain(): Promise<void> {
    this.flushTokens();
    if (this.pending.events.length || this.pending.steps.length) await this.enqueue(() => {});
    while (this.writing) await this.writing;
  }

  /**
   * Before a replay: node events already stored are not stored again when a recomputed pure step
   * emits them (its events may have been written in a batch before the crash, its row in the next).
   */
  async skipStoredNodeEvents(): Promise<void> {
    const rows = await getDb().$queryRaw<{ type: string; key: string | null }[]>`
      SELECT type, data->>'key' AS key FROM "ExecutionEvent"
      WHERE "executionId" = ${this.executionId} AND type IN ('node.started', 'node.completed', 'node.skipped')`;
    this.stored = new Set(rows.map((row) => `${row.type}|${row.key}`));
  }

  private flushTokens() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.tokens.size === 0) return;
    const batches = [...this.tokens.values()];
    this.tokens.clear();
    for (const batch of batches) {
      this.enqueue((pending) => pending.events.push({ type: "node.token", nodeId: batch.nodeId, data: { key: batch.key, delta: batch.delta } })).catch(() => {});
    }
  }

  private enqueue(add: (batch: Batch) => void): Promise<void> {
    add(this.pending);
    const done = new Promise<void>((resolve, reject) => this.pending.waiters.push({ resolve, reject }));
    this.schedule();
    return done;
  }

  /** Writes on the next turn of the event loop, so what is emitted until then shares one batch. */
  private schedule() {
    if (this.scheduled || this.writing) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.writing = this.writeAll().finally(() => {
        this.writing = null;
        if (this.pending.waiters.length) this.schedule();
      });
    });
  }

  private async writeAll(): Promise<void> {
    while (this.pending.waiters.length) {
      const batch = this.pending;
      this.pending = emptyBatch();
      try {
        await this.write(batch);
        for (const waiter of batch.waiters) waiter.resolve();
      } catch (error) {
        console.error("[agentry] storing execution events failed", error);
        // Keep the batch (ahead of anything newer) for the next flush; awaiters learn of the failure.
        this.pending = { events: [...batch.events, ...this.pending.events], steps: [...batch.steps, ...this.pending.steps], outcome: this.pending.outcome ?? batch.outcome, waiters: [...this.pending.waiters] };
        for (const waiter of batch.waiters) waiter.reject(error);
        return;
      }
    }
  }

  private async write(batch: Batch): Promise<void> {
    if (!batch.events.length && !batch.steps.length && !batch.outcome) return;
    const redact = <T,>(value: T): T => (this.redactor ? this.redactor.redact(value) : value);
    const events = batch.events.map((event, index) => ({ n: index + 1, id: crypto.randomUUID(), type: event.type, nodeId: event.nodeId ?? null, data: redact(event.data) }));
    const steps = batch.steps.map((row) => ({
      id: crypto.randomUUID(),
      key: row.key,
      nodeId: row.nodeId,
      kind: row.kind,
      input: row.input ?? null,
      output: row.output ?? null,
      result: row.result ?? null,
      attempts: row.attempts,
      inputTokens: row.usage?.inputTokens ?? 0,
      outputTokens: row.usage?.outputTokens ?? 0,
      costUsd: row.usage?.costUsd ?? 0,
      model: row.usage?.model ?? null,
    }));
    const ended = batch.events.some((event) => TERMINAL_EVENTS.has(event.type));
    const notify = isCrossProcessNotify() && events.length > 0;
    const sql = `
      WITH base AS (SELECT COALESCE(MAX(seq), 0) AS last FROM "ExecutionEvent" WHERE "executionId" = $1),
      ev AS (
        INSERT INTO "ExecutionEvent" (id, "executionId", seq, type, "nodeId", data)
        SELECT e.id, $1, base.last + e.n, e.type, e."nodeId", COALESCE(e.data, '{}'::jsonb)
        FROM base, jsonb_to_recordset($2::jsonb) AS e(n int, id text, type text, "nodeId" text, data jsonb)
        RETURNING seq
      ),
      nr AS (
        INSERT INTO "NodeRun" (id, "executionId", key, "nodeId", kind, status, input, output, result, attempts, "inputTokens", "outputTokens", "costUsd", model, "finishedAt")
        SELECT r.id, $1, r.key, r."nodeId", r.kind, 'completed', r.input, r.output, r.result, r.attempts, r."inputTokens", r."outputTokens", r."costUsd", r.model, now()
        FROM jsonb_to_recordset($3::jsonb) AS r(id text, key text, "nodeId" text, kind text, input jsonb, output jsonb, result jsonb, attempts int, "inputTokens" int, "outputTokens" int, "costUsd" float8, model text)
        ON CONFLICT ("executionId", key) DO UPDATE SET status = 'completed', input = EXCLUDED.input, output = EXCLUDED.output, result = EXCLUDED.result,
          attempts = EXCLUDED.attempts, "inputTokens" = EXCLUDED."inputTokens", "outputTokens" = EXCLUDED."outputTokens", "costUsd" = EXCLUDED."costUsd",
          model = EXCLUDED.model, error = NULL, "finishedAt" = EXCLUDED."finishedAt"
        RETURNING 1
      ),
      ex AS (
        UPDATE "Execution" SET status = (o->>'status')::"ExecutionStatus", output = NULLIF(o->'output', 'null'::jsonb), error = o->>'error',
          "failedNodeId" = o->>'failedNodeId', "inputTokens" = (o->>'inputTokens')::int, "outputTokens" = (o->>'outputTokens')::int,
          "costUsd" = (o->>'costUsd')::float8, "finishedAt" = now(), "leaseOwner" = NULL, "leaseExpiresAt" = NULL
        FROM (SELECT $4::jsonb AS o) AS outcome
        WHERE id = $1 AND o IS NOT NULL
        RETURNING 1
      ),
      last AS (SELECT MAX(seq) AS seq FROM ev)
      SELECT last.seq${notify ? `, pg_notify('${EXECUTION_EVENTS_CHANNEL}', $1 || ' ' || last.seq || $5)::text AS notified` : ""} FROM last`;
    const outcome = batch.outcome
      ? { status: batch.outcome.status, output: redact(batch.outcome.output ?? null), error: batch.outcome.error === null ? null : redact(batch.outcome.error), failedNodeId: batch.outcome.failedNodeId, ...batch.outcome.usage }
      : null;
    const storedOutcome = outcome && toStorableJsonText(JSON.stringify(outcome));
    const args: unknown[] = [this.executionId, toStorableJsonText(JSON.stringify(events)), toStorableJsonText(JSON.stringify(steps)), storedOutcome];
    if (notify) args.push(ended ? " ended" : "");
    for (let attempt = 1; ; attempt++) {
      try {
        const rows = await getDb().$queryRawUnsafe<{ seq: number | null }[]>(sql, ...args);
        const seq = rows[0]?.seq ?? undefined;
        if (storedOutcome) {
          // As stored (storable text, redacted): waiters in this process need not read it back.
          const stored = JSON.parse(storedOutcome) as { status: RecentOutcome["status"]; output: unknown; error: string | null };
          rememberOutcome({ id: this.executionId, status: stored.status, output: stored.output ?? null, error: stored.error ?? null });
        }
        if (events.length) getExecutionNotifier().notifyLocally(this.executionId, { seq: seq === undefined ? undefined : Number(seq), ended });
        return;
      } catch (error) {
        // Another writer took these numbers: the next attempt reads the new end of the sequence.
        if (!isUniqueViolation(error) || attempt >= 20) throw error;
      }
    }
  }
}

function isUniqueViolation(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError) return error.code === "P2002" || (error.code === "P2010" && /23505|unique/i.test(error.message));
  return /23505|unique constraint/i.test(String((error as Error)?.message ?? ""));
}
