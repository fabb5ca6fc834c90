import { summarizePendingApprovals, type ApprovalsSummary } from "@/lib/approvals/summarize-pending-approvals";
import { getDb } from "@/lib/db";
import { getExecutionNotifier, type EventNotice } from "@/lib/stream/execution-notifier";

/** Notices that arrive this close together cost one look-up. */
const FLUSH_MS = 50;

export type WorkspaceSubscriber = {
  /** The workspace's approvals after a change (and once on joining); may repeat a version. */
  deliver(summary: ApprovalsSummary): void;
  /** Called on every resync tick (heartbeats). */
  tick(now: number): void;
};

type WorkspaceState = {
  subscribers: Set<WorkspaceSubscriber>;
  summary: ApprovalsSummary | null;
  refreshing: Promise<ApprovalsSummary> | null;
  again: boolean;
};

/**
 * The process's one live feed of workspace-level changes — today, which approvals wait. It hangs
 * off the execution notifier's single LISTEN connection (no connection of its own, whatever the
 * number of browser tabs) and re-reads a workspace's list, once for all of its subscribers, when:
 * - an execution announces an approval change (a notice without a sequence number: an approval
 *   started waiting, or was decided — lib/approvals/announce-approval-change.ts);
 * - an execution with an undecided approval request stores any event (`node.waiting`, its timeout,
 *   a cancel, a failure);
 * - every `resyncMs`, so a lost notification only delays an update.
 * Events of runs without a waiting approval (the vast majority, LLM tokens…) cost no query.
 * Subscribers only ever get their own workspace's list.
 */
class WorkspaceFeed {
  private readonly workspaces = new Map<string, WorkspaceState>();
  /** Executions with an undecided approval request → their workspace, from the last summaries. */
  private readonly watched = new Map<string, string>();
  private readonly announced = new Set<string>();
  private readonly dirty = new Set<string>();
  private flushTimer: NodeJS.Timeout | null = null;
  private resyncTimer: NodeJS.Timeout | null = null;
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly resyncMs: number) {}

  /** Joins a workspace's feed; resolves with its current approvals once read. */
  async subscribe(workspaceId: string, subscriber: WorkspaceSubscriber): Promise<{ summary: ApprovalsSummary; leave: () => void }> {
    this.start();
    let state = this.workspaces.get(workspaceId);
    if (!state) {
      state = { subscribers: new Set(), summary: null, refreshing: null, again: false };
      this.workspaces.set(workspaceId, state);
    }
    state.subscribers.add(subscriber);
    const leave = () => this.leave(workspaceId, subscriber);
    try {
      // A fresh read for every joiner: a reconnect must not get a list older than its page.
      return { summary: await this.refresh(workspaceId), leave };
    } catch (error) {
      leave();
      throw error;
    }
  }

  workspaceCount(): number {
    return this.workspaces.size;
  }

  private start() {
    if (this.unsubscribe) return;
    this.unsubscribe = getExecutionNotifier().subscribeAll((executionId, notice) => this.onNotice(executionId, notice));
    this.resyncTimer = setInterval(() => {
      const now = Date.now();
      for (const [workspaceId, state] of this.workspaces) {
        for (const subscriber of state.subscribers) subscriber.tick(now);
        void this.refresh(workspaceId).catch(() => {});
      }
    }, this.resyncMs);
    this.resyncTimer.unref?.();
  }

  private stop() {
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.resyncTimer) clearInterval(this.resyncTimer);
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.resyncTimer = this.flushTimer = null;
    this.watched.clear();
    this.announced.clear();
    this.dirty.clear();
  }

  private leave(workspaceId: string, subscriber: WorkspaceSubscriber) {
    const state = this.workspaces.get(workspaceId);
    if (!state?.subscribers.delete(subscriber) || state.subscribers.size) return;
    this.workspaces.delete(workspaceId);
    for (const [executionId, owner] of this.watched) if (owner === workspaceId) this.watched.delete(executionId);
    if (this.workspaces.size === 0) this.stop();
  }

  private onNotice(executionId: string, notice: EventNotice) {
    if (notice.seq === undefined) this.announced.add(executionId);
    else {
      const workspaceId = this.watched.get(executionId);
      if (!workspaceId) return; // no undecided approval: nothing this feed shows can change
      this.dirty.add(workspaceId);
    }
    this.flushTimer ??= setTimeout(() => void this.flush(), FLUSH_MS);
  }

  private async flush() {
    this.flushTimer = null;
    const announced = [...this.announced];
    this.announced.clear();
    const dirty = new Set(this.dirty);
    this.dirty.clear();
    try {
      if (announced.length && this.workspaces.size) {
        const rows = await getDb().execution.findMany({ where: { id: { in: announced }, workspaceId: { in: [...this.workspaces.keys()] } }, select: { workspaceId: true } });
        for (const row of rows) dirty.add(row.workspaceId);
      }
    } catch (error) {
      console.error("[agentry] the approvals feed could not read which workspaces changed; the next resync catches up", error);
    }
    for (const workspaceId of dirty) void this.refresh(workspaceId).catch(() => {});
  }

  /**
   * Reads a workspace's approvals — one read at a time per workspace; a call during a read
   * causes one more — and hands a changed list to every subscriber.
   */
  private refresh(workspaceId: string): Promise<ApprovalsSummary> {
    const state = this.workspaces.get(workspaceId);
    if (!state) return Promise.reject(new Error("no subscribers"));
    if (state.refreshing) {
      // The read under way may predate this change (or joiner): it reads once more before it
      // settles, so what it resolves with was read after the call.
      state.again = true;
      return state.refreshing;
    }
    state.refreshing = (async () => {
      try {
        let summary: ApprovalsSummary;
        do {
          state.again = false;
          summary = await summarizePendingApprovals(workspaceId);
          const previous = state.summary;
          state.summary = summary;
          if (previous) for (const executionId of previous.executionIds) if (this.watched.get(executionId) === workspaceId) this.watched.delete(executionId);
          if (this.workspaces.get(workspaceId) === state) for (const executionId of summary.executionIds) this.watched.set(executionId, workspaceId);
          if (previous?.version !== summary.version) for (const subscriber of [...state.subscribers]) subscriber.deliver(summary);
        } while (state.again);
        return summary;
      } catch (error) {
        console.error(`[agentry] reading the approvals of workspace ${workspaceId} failed; retrying on the next change or resync`, error);
        throw error;
      } finally {
        state.refreshing = null;
      }
    })();
    return state.refreshing;
  }
}

const holder = globalThis as unknown as { agentryWorkspaceFeed?: WorkspaceFeed };

/** The process's shared workspace feed, created on first use. */
export function getWorkspaceFeed(resyncMs = 15_000): WorkspaceFeed {
  holder.agentryWorkspaceFeed ??= new WorkspaceFeed(resyncMs);
  return holder.agentryWorkspaceFeed;
}
