import { inngest } from "@/inngest/client";
import { fireDueSchedules } from "@/lib/triggers/fire-due-schedules";

/** On Inngest, workflow schedules are checked every minute by one cron function. */
export const fireSchedules = inngest.createFunction({ id: "fire-due-schedules", triggers: [{ cron: "* * * * *" }] }, async ({ step }) => ({
  started: await step.run("fire-due-schedules", () => fireDueSchedules()),
}));
