// Runs once when a Next.js server process starts: the local job driver resumes unfinished
// executions (those whose process died) and picks up new ones, and workflow schedules fire.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || !process.env.DATABASE_URL) return;
  const { getEnv, selectDrivers } = await import("@/lib/env");
  if (selectDrivers(getEnv()).jobs !== "local") return;
  const { getLocalWorker } = await import("@/lib/jobs/local/local-worker");
  const { startLocalScheduler } = await import("@/lib/triggers/local-scheduler");
  getLocalWorker().start();
  startLocalScheduler();
}
