import { fireDueSchedules } from "@/lib/triggers/fire-due-schedules";

const holder = globalThis as unknown as { agentryScheduler?: NodeJS.Timeout };

/** The local driver's scheduler: checks for due schedules every few seconds in this process. */
export function startLocalScheduler(intervalMs = 5_000): void {
  if (holder.agentryScheduler) return;
  let busy = false;
  holder.agentryScheduler = setInterval(() => {
    if (busy) return;
    busy = true;
    fireDueSchedules()
      .catch((error) => console.error("[agentry] schedules: checking for due runs failed", error))
      .finally(() => (busy = false));
  }, intervalMs);
  holder.agentryScheduler.unref();
}
