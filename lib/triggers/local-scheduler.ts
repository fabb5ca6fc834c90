import { fireDueSchedules } from "@/lib/triggers/fire-due-schedules";

const holder = globalThis as unknown as { agentryScheduler?: NodeJS.Timeout };

/** The local driver's scheduler: checks for due schedules every few seconds in this process. Returns its stop. */
export function startLocalScheduler(intervalMs = 5_000): () => void {
  const stop = () => {
    clearInterval(holder.agentryScheduler);
    holder.agentryScheduler = undefined;
  };
  if (holder.agentryScheduler) return stop;
  let busy = false;
  holder.agentryScheduler = setInterval(() => {
    if (busy) return;
    busy = true;
    fireDueSchedules()
      .catch((error) => console.error("[agentry] schedules: checking for due runs failed", error))
      .finally(() => (busy = false));
  }, intervalMs);
  holder.agentryScheduler.unref();
  return stop;
}
