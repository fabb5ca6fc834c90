import { getDb } from "@/lib/db";
import { findDeadLeaseOwners, LOCAL_OWNER_PREFIX, newLeaseOwner } from "@/lib/jobs/local/find-dead-lease-owners";
import { ingestKnowledgeDocument } from "@/lib/knowledge/ingest-knowledge-document";


export type LocalIngestionWorkerOptions = { concurrency?: number; leaseMs?: number; pollMs?: number };

/**
 * The local driver for knowledge ingestion (the Inngest driver is inngest/functions/
 * ingest-knowledge-document.ts): documents are claimed with a lease renewed by heartbeats, like
 * executions. If the process dies the lease runs out (or, on this host, its owner is seen dead
 * at once) and the next worker resumes the document from its stored chunks and embeddings.
 */
export class LocalIngestionWorker {
  readonly owner = newLeaseOwner();
  private readonly running = new Map<string, AbortController>();
  private started = false;
  private stopped = false;
  private wake: (() => void) | null = null;
  private readonly concurrency: number;
  private readonly leaseMs: number;
  private readonly pollMs: number;

  constructor(options: LocalIngestionWorkerOptions = {}) {
    this.concurrency = options.concurrency ?? 2;
    this.leaseMs = options.leaseMs ?? 30_000;
    this.pollMs = options.pollMs ?? 2000;
  }

  start() {
    if (this.started) return;
    this.started = true;
    void this.loop();
  }

  kick() {
    this.start();
    this.wake?.();
  }

  /** Stops claiming and hands running documents back (their leases cleared: the next worker resumes them at once). */
  async stop() {
    this.stopped = true;
    this.wake?.();
    for (const controller of this.running.values()) controller.abort();
    while (this.running.size) await new Promise((resolve) => setTimeout(resolve, 20));
  }

  private async loop() {
    while (!this.stopped) {
      try {
        while (this.running.size < this.concurrency && !this.stopped) {
          const id = await this.claim();
          if (!id) break;
          this.process(id);
        }
      } catch (error) {
        console.error("[agentry] knowledge ingestion: claiming documents failed", error);
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
    const rows = await getDb().knowledgeDocument.findMany({ where: { status: "processing", leaseOwner: { startsWith: LOCAL_OWNER_PREFIX } }, distinct: ["leaseOwner"], select: { leaseOwner: true } });
    return findDeadLeaseOwners(rows.map((row) => row.leaseOwner!), this.owner);
  }

  private async claim(): Promise<string | null> {
    const dead = await this.deadOwners();
    const rows = await getDb().$queryRaw<{ id: string }[]>`
      UPDATE "KnowledgeDocument"
      SET "leaseOwner" = ${this.owner}, "leaseExpiresAt" = now() + make_interval(secs => ${this.leaseMs / 1000}), status = 'processing'
      WHERE id = (
        SELECT id FROM "KnowledgeDocument"
        WHERE (status = 'queued' AND ("leaseExpiresAt" IS NULL OR "leaseExpiresAt" < now()))
           OR (status = 'processing' AND ("leaseExpiresAt" IS NULL OR "leaseExpiresAt" < now() OR "leaseOwner" = ANY(${dead})))
        ORDER BY "createdAt"
        LIMIT 1
        FOR UPDATE SKIP LOCKED
      )
      RETURNING id`;
    return rows[0]?.id ?? null;
  }

  private process(documentId: string) {
    const controller = new AbortController();
    this.running.set(documentId, controller);
    const db = getDb();
    const heartbeat = setInterval(async () => {
      try {
        const { count } = await db.knowledgeDocument.updateMany({ where: { id: documentId, leaseOwner: this.owner }, data: { leaseExpiresAt: new Date(Date.now() + this.leaseMs) } });
        if (count === 0) controller.abort(); // re-ingested, deleted, or taken over
      } catch (error) {
        console.error("[agentry] knowledge ingestion: heartbeat failed", error);
      }
    }, Math.max(200, this.leaseMs / 3));
    ingestKnowledgeDocument({ documentId, steps: { run: (_key, fn) => fn() }, signal: controller.signal })
      .catch((error) => console.error(`[agentry] knowledge document ${documentId} stopped unexpectedly; it resumes when its lease runs out`, error))
      .finally(async () => {
        clearInterval(heartbeat);
        if (this.stopped) {
          await db.knowledgeDocument.updateMany({ where: { id: documentId, leaseOwner: this.owner, status: "processing" }, data: { leaseOwner: null, leaseExpiresAt: null } }).catch(() => undefined);
        }
        this.running.delete(documentId);
        this.kick();
      });
  }
}

const holder = globalThis as unknown as { agentryIngestionWorker?: LocalIngestionWorker };

/** This process's ingestion worker (created on first use). */
export function getLocalIngestionWorker(): LocalIngestionWorker {
  holder.agentryIngestionWorker ??= new LocalIngestionWorker({ leaseMs: Number(process.env.AGENTRY_LEASE_MS) || undefined });
  return holder.agentryIngestionWorker;
}
