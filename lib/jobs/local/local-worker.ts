import { getDb } from "@/lib/db";
import { findDeadLeaseOwners, LOCAL_OWNER_PREFIX, newLeaseOwner } from "@/lib/jobs/local/find-dead-lease-owners";
import { DatabaseStepRunner } from "@/lib/jobs/local/database-step-runner";
import { createRedactor } from "@/lib/jobs/redactor";
import { RunInterrupted, runExecution } from "@/lib/jobs/run-execution";

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
    this.start();
    this.wake?.();
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

  private async loop() {
    while (!this.stopped) {
      try {
        while (this.running.size < this.concurrency) {
          const id = await this.claim();
          if (!id) break;
          this.execute(id);
        }
      } catch (error) {
        console.error("[agentry] local worker: claiming executions failed", error);
      }
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

  private execute(executionId: string) {
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
    const step = new DatabaseStepRunner({
      executionId,
      redactor,
      signal: controller.signal,
      backoffMs: this.options.retryBackoffMs,
      onWaiting: async (waiting) => {
        await db.execution.updateMany({ where: { id: executionId, status: { in: ["running", "waiting"] } }, data: { status: waiting ? "waiting" : "running" } });
      },
    });
    runExecution({ executionId, step, redactor, signal: controller.signal })
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
        this.kick();
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
