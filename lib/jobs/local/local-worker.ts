import { getDb } from "@/lib/db";
import { findDeadLeaseOwners, LOCAL_OWNER_PREFIX, newLeaseOwner } from "@/lib/jobs/local/find-dead-lease-owners";
import { DatabaseStepRunner, type StoredStep } from "@/lib/jobs/local/database-step-runner";
import { createRedactor } from "@/lib/jobs/redactor";
import { RunInterrupted, runExecution, type ExecutionToRun } from "@/lib/jobs/run-execution";
import { ExecutionEventSink } from "@/lib/stream/execution-event-sink";

export type LocalWorkerOptions = { concurrency?: number; leaseMs?: number; pollMs?: number; retryBackoffMs?: (attempt: number) => number };


/**
 * The embedded job driver: runs executions inside this process. An execution is claimed with a
 * lease (renewed by heartbeats); if the process dies, the lease runs out — or, on the same host,
 * is recognised as held by a dead process at once — and the execution is claimed again and
 * replayed from its stored steps.
 */
export class LocalWorker {
  readonly owner = newLeaseOwner();
  private readonly running = new Map<string, AbortController>();
  /** Executions of `running` that sleep or wait for a signal: they do not hold a slot. */
  private readonly idle = new Set<string>();
  /** Slots promised to executions being created in this process (see reserveSlot). */
  private reserved = 0;
  /**
   * Whether a claim may find work: false after a claim came back empty, until something is queued
   * (kick) or a claim stopped at a full worker. A run that ends then looks for work only when
   * there may be some, so the in-process fast path costs no claim queries; the poll still runs.
   */
  private mayHaveWork = true;
  private kicks = 0;
  private started = false;
  private stopped = false;
  private wake: (() => void) | null = null;
  private readonly concurrency: number;
  private readonly leaseMs: number;
  private readonly pollMs: number;

  constructor(private readonly options: LocalWorkerOptions = {}) {
    this.concurrency = options.concurrency ?? 16;
    this.leaseMs = options.leaseMs ?? 30_000;
    this.pollMs = options.pollMs ?? 1000;
  }

  start() {
    if (this.started) return;
    this.started = true;
    void this.loop();
  }

  /**
   * Stops for a shutdown: claims nothing more, gives running executions up to `graceMs` to
   * finish, then interrupts the rest and hands their leases back — nothing is recorded as their
   * outcome, and the next worker (this process restarted, or another) claims them at once and
   * replays them from their stored steps.
   */
  async stop({ graceMs = 0 }: { graceMs?: number } = {}) {
    this.stopped = true;
    this.wake?.();
    const deadline = Date.now() + graceMs;
    while (this.running.size && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    for (const controller of this.running.values()) controller.abort(new RunInterrupted("shutdown"));
    while (this.running.size) await new Promise((resolve) => setTimeout(resolve, 20));
  }

  /** Look for work now (after a start, cancel or approval). */
  kick() {
    this.kicks += 1;
    this.mayHaveWork = true;
    this.start();
    this.wake?.();
  }

  /** Whether this process is running the execution now (its end will be notified in-process). */
  isRunning(executionId: string): boolean {
    return this.running.has(executionId);
  }

  /** Stops a running execution of this process at once (its cancel was requested). */
  abort(executionId: string): boolean {
    const controller = this.running.get(executionId);
    controller?.abort();
    return !!controller;
  }

  get activeCount() {
    return this.running.size;
  }

  /** Executions holding a slot: running, not sleeping or waiting, plus reserved slots. */
  private get busySlots() {
    return this.running.size - this.idle.size + this.reserved;
  }

  /**
   * Promises a slot to an execution about to be created in this process, which then starts it
   * at once (adopt) instead of waiting for the claim loop. Null when every slot is busy or the
   * worker is stopping: the execution is queued and claimed like any other.
   */
  reserveSlot(): { owner: string; leaseMs: number; release: () => void } | null {
    if (this.stopped || this.busySlots >= this.concurrency) return null;
    this.start();
    this.reserved += 1;
    let released = false;
    return {
      owner: this.owner,
      leaseMs: this.leaseMs,
      release: () => {
        if (released) return;
        released = true;
        this.reserved -= 1;
      },
    };
  }

  /**
   * Runs an execution this process has just created already leased to itself (status running,
   * its start step and event stored), with what it stored: no claim, no read-back.
   */
  adopt(execution: ExecutionToRun, storedSteps: StoredStep[], reservation: { release: () => void }) {
    reservation.release();
    this.execute(execution.id, { execution, storedSteps });
  }

  private async loop() {
    while (!this.stopped) {
      const round = this.kicks;
      try {
        while (this.busySlots < this.concurrency) {
          const id = await this.claim();
          if (!id) {
            if (this.kicks === round) this.mayHaveWork = false;
            break;
          }
          this.execute(id);
        }
      } catch (error) {
        console.error("[agentry] local worker: claiming executions failed", error);
      }
      // Kicked while claiming (its wake-up had nothing to wake): look again at once.
      if (this.kicks !== round && this.busySlots < this.concurrency && !this.stopped) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.pollMs);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
    }
  }

  private async deadOwners(): Promise<string[]> {
    const rows = await getDb().execution.findMany({
      where: { status: { in: ["running", "waiting"] }, leaseOwner: { startsWith: LOCAL_OWNER_PREFIX } },
      distinct: ["leaseOwner"],
      select: { leaseOwner: true },
    });
    return findDeadLeaseOwners(rows.map((row) => row.leaseOwner!), this.owner);
  }

  private async claim(): Promise<string | null> {
    const dead = await this.deadOwners();
    const rows = await getDb().$queryRaw<{ id: string }[]>`
      UPDATE "Execution"
      SET "leaseOwner" = ${this.owner}, "leaseExpiresAt" = now() + make_interval(secs => ${this.leaseMs / 1000}),
          status = CASE WHEN status = 'queued' THEN 'running'::"ExecutionStatus" ELSE status END
      WHERE id = (
        SELECT id FROM "Execution"
        WHERE status = 'queued'
           OR (status IN ('running', 'waiting') AND ("leaseExpiresAt" IS NULL OR "leaseExpiresAt" < now() OR "leaseOwner" = ANY(${dead})))
        ORDER BY "createdAt"
        LIMIT 1
        FOR UPDATE SKIP LOCKED
      )
      RETURNING id`;
    return rows[0]?.id ?? null;
  }

  private execute(executionId: string, fresh?: { execution: ExecutionToRun; storedSteps: StoredStep[] }) {
    if (this.running.has(executionId)) return;
    const controller = new AbortController();
    this.running.set(executionId, controller);
    const db = getDb();
    const heartbeat = setInterval(async () => {
      try {
        const renewed = await db.execution.updateMany({
          where: { id: executionId, leaseOwner: this.owner },
          data: { leaseExpiresAt: new Date(Date.now() + this.leaseMs) },
        });
        const current = await db.execution.findUnique({ where: { id: executionId }, select: { cancelRequestedAt: true } });
        if (renewed.count === 0) controller.abort(new RunInterrupted("lease lost")); // another worker has it now
        else if (current?.cancelRequestedAt) controller.abort();
      } catch (error) {
        console.error("[agentry] local worker: heartbeat failed", error);
      }
    }, Math.max(200, this.leaseMs / 3));
    const redactor = createRedactor();
    const sink = new ExecutionEventSink(executionId, redactor);
    const step = new DatabaseStepRunner({
      executionId,
      redactor,
      sink,
      storedSteps: fresh?.storedSteps,
      signal: controller.signal,
      backoffMs: this.options.retryBackoffMs,
      onWaiting: async (waiting) => {
        await db.execution.updateMany({ where: { id: executionId, status: { in: ["running", "waiting"] } }, data: { status: waiting ? "waiting" : "running" } });
      },
      onIdle: (idle) => {
        // A sleeping or waiting execution gives its slot to other work until it wakes.
        if (idle) this.idle.add(executionId);
        else this.idle.delete(executionId);
        if (idle && this.mayHaveWork) this.wake?.();
      },
    });
    // A claimed execution may have run before: its pure steps' events may be stored already.
    const prepared = fresh ? Promise.resolve() : sink.skipStoredNodeEvents();
    prepared
      .then(() => runExecution({ executionId, step, redactor, signal: controller.signal, sink, execution: fresh?.execution }))
      .catch((error) => console.error(`[agentry] execution ${executionId} stopped unexpectedly; it resumes when its lease runs out`, error))
      .finally(async () => {
        const interrupted = controller.signal.reason instanceof RunInterrupted ? controller.signal.reason : null;
        controller.abort(); // ends waits the finished run left behind (an interrupted sleep)
        clearInterval(heartbeat);
        if (interrupted?.reason === "shutdown") {
          // Hand the lease back: the execution is claimable at once (no waiting for it to expire).
          await db.execution
            .updateMany({ where: { id: executionId, leaseOwner: this.owner }, data: { leaseOwner: null, leaseExpiresAt: null } })
            .catch((error) => console.error(`[agentry] handing back the lease of execution ${executionId} failed; it resumes when the lease runs out`, error));
        }
        this.running.delete(executionId);
        this.idle.delete(executionId);
        if (this.mayHaveWork) this.wake?.(); // a slot is free: claim what waits
      });
  }
}

const holder = globalThis as unknown as { agentryLocalWorker?: LocalWorker };

/** This process's worker (one per process, created on first use). */
export function getLocalWorker(): LocalWorker {
  holder.agentryLocalWorker ??= new LocalWorker({
    leaseMs: Number(process.env.AGENTRY_LEASE_MS) || undefined,
  });
  return holder.agentryLocalWorker;
}

/** Whether this process's worker (if it has one) is running the execution now. */
export function isRunningInThisProcess(executionId: string): boolean {
  return holder.agentryLocalWorker?.isRunning(executionId) ?? false;
}
