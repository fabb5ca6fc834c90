// Runs once when a Next.js server process starts: the local job driver resumes unfinished
// executions (those whose process died) and picks up new ones, and workflow schedules fire.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || !process.env.DATABASE_URL) return;
  const { getEnv, selectDrivers } = await import("@/lib/env");
  if (selectDrivers(getEnv()).jobs !== "local") return;
  const { getLocalWorker } = await import("@/lib/jobs/local/local-worker");
  const { startLocalScheduler } = await import("@/lib/triggers/local-scheduler");
  const { shutdownOnSignals } = await import("@/lib/jobs/local/shutdown-on-signals");
  const worker = getLocalWorker();
  worker.start();
  // Knowledge documents whose ingestion was cut short resume too (lib/knowledge).
  const { getLocalIngestionWorker } = await import("@/lib/knowledge/local-ingestion-worker");
  const ingestion = getLocalIngestionWorker();
  ingestion.start();
  const stopScheduler = startLocalScheduler();
  // SIGTERM / SIGINT: running executions finish or hand their leases back before Next.js exits.
  shutdownOnSignals({
    worker,
    graceMs: Number(process.env.AGENTRY_SHUTDOWN_GRACE_MS ?? 5000),
    parentPid: Number(process.env.AGENTRY_LAUNCHER_PID) || undefined,
    stopWithParent: Number(process.env.AGENTRY_STOP_WITH_PARENT) || undefined,
    stopOthers: () => {
      stopScheduler();
      void ingestion.stop();
    },
  });
}
