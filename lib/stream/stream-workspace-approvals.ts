import type { ApprovalsSummary } from "@/lib/approvals/summarize-pending-approvals";
import { getWorkspaceFeed } from "@/lib/stream/workspace-feed";

export type WorkspaceApprovalsStreamOptions = {
  workspaceId: string;
  signal?: AbortSignal;
  heartbeatMs?: number;
  /** Bytes a client may leave unread before it is disconnected (it reconnects and gets the current list). */
  maxBufferedBytes?: number;
};

const encoder = new TextEncoder();
const HEARTBEAT = encoder.encode(": heartbeat\n\n");

/**
 * A workspace's waiting approvals as Server-Sent Events: `event: approvals` with
 * `{ count, version }` on connecting and after every change (the version changes whenever the
 * list or a message does), from the process's shared workspace feed. It is state, not a log: a
 * reconnect simply gets the current list, so events carry no id. Comment heartbeats keep proxies
 * from closing an idle stream.
 */
export function streamWorkspaceApprovals({ workspaceId, signal, heartbeatMs = 15_000, maxBufferedBytes = 64_000 }: WorkspaceApprovalsStreamOptions): ReadableStream<Uint8Array> {
  let closed = false;
  let leave = () => {};
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        let lastVersion: string | null = null;
        let lastWrite = Date.now();
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
        const send = (summary: ApprovalsSummary) => {
          if (closed || summary.version === lastVersion) return;
          lastVersion = summary.version;
          controller.enqueue(encoder.encode(`event: approvals\ndata: ${JSON.stringify({ count: summary.count, version: summary.version })}\n\n`));
          lastWrite = Date.now();
          if ((controller.desiredSize ?? 0) < -maxBufferedBytes) finish();
        };
        signal?.addEventListener("abort", finish, { once: true });
        controller.enqueue(encoder.encode("retry: 2000\n\n"));
        void (async () => {
          try {
            const joined = await getWorkspaceFeed().subscribe(workspaceId, {
              deliver: send,
              tick(now) {
                if (closed || now - lastWrite < heartbeatMs) return;
                controller.enqueue(HEARTBEAT);
                lastWrite = now;
              },
            });
            leave = joined.leave;
            if (closed) return leave();
            send(joined.summary);
          } catch (error) {
            console.error(`[agentry] approvals stream of workspace ${workspaceId} failed`, error);
            finish();
          }
        })();
      },
      cancel() {
        closed = true;
        leave();
      },
    },
    { highWaterMark: 16 * 1024, size: (chunk) => chunk.byteLength },
  );
}
