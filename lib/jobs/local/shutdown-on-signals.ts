import fs from "node:fs";
import type { LocalWorker } from "@/lib/jobs/local/local-worker";

const SIGNALS = ["SIGTERM", "SIGINT"] as const;
const EXIT_CODES = { SIGTERM: 143, SIGINT: 130 } as const;

/**
 * A clean stop of this server process on SIGTERM / SIGINT: the local worker claims nothing more,
 * running executions get `graceMs` to finish, the rest are interrupted and their leases handed
 * back (the next process resumes them at once) — then Next.js's own handler closes the HTTP
 * server and exits. Next.js registers that handler before instrumentation runs; it is kept and
 * called after ours (or, when there is none, the process exits itself).
 *
 * `parentPid`: the launcher that holds the embedded database. If it dies (SIGKILL), the database
 * is gone with it, so this process exits too instead of lingering as an orphan. Both watches ask
 * whether the process still runs, not whether it is our parent: `next dev` runs its server in a
 * child of its own.
 */
export function shutdownOnSignals({
  worker,
  graceMs,
  parentPid,
  stopWithParent,
  stopOthers = () => {},
}: {
  worker: LocalWorker;
  graceMs: number;
  parentPid?: number;
  /** A parent whose death counts as SIGTERM (`npm start`'s shell, which does not pass SIGTERM on). */
  stopWithParent?: number;
  stopOthers?: () => void;
}) {
  const holder = globalThis as unknown as { agentryShutdownInstalled?: boolean };
  if (holder.agentryShutdownInstalled) return;
  holder.agentryShutdownInstalled = true;
  let stopping: Promise<void> | null = null;
  const stop = (signal: string) =>
    (stopping ??= (async () => {
      const running = worker.activeCount;
      console.log(`[agentry] ${signal}: stopping — ${running ? `${running} running execution(s) get ${graceMs} ms to finish, then their leases are handed back` : "no executions running"}`);
      stopOthers();
      const started = Date.now();
      await worker.stop({ graceMs }).catch((error) => console.error("[agentry] stopping the local worker failed", error));
      console.log(`[agentry] local worker stopped (${Date.now() - started} ms)`);
    })());

  for (const signal of SIGNALS) {
    const nextHandlers = process.listeners(signal);
    process.removeAllListeners(signal);
    process.on(signal, () => {
      void stop(signal).then(() => {
        if (nextHandlers.length) for (const handler of nextHandlers) (handler as (signal: NodeJS.Signals) => void)(signal);
        else process.exit(EXIT_CODES[signal]);
      });
    });
  }

  if (parentPid) {
    const watch = setInterval(() => {
      if (processAlive(parentPid)) return;
      clearInterval(watch);
      console.error(`[agentry] the launcher (process ${parentPid}) is gone, and the embedded database with it: exiting`);
      process.exit(1);
    }, 1000);
    watch.unref();
  }
  if (stopWithParent) {
    const watch = setInterval(() => {
      if (processAlive(stopWithParent)) return;
      clearInterval(watch);
      process.emit("SIGTERM", "SIGTERM");
    }, 500);
    watch.unref();
  }
}

/** Whether process `pid` still runs (a zombie does not; `next dev` puts a process between us). */
function processAlive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return !["Z", "X"].includes(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[0]!);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT" && fs.existsSync("/proc/self/stat")) return false;
    try {
      process.kill(pid, 0);
      return true;
    } catch (failure) {
      return (failure as NodeJS.ErrnoException).code === "EPERM";
    }
  }
}
