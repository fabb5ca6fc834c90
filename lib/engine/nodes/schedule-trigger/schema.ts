import { z } from "zod";

// Five-field cron (minute hour day-of-month month day-of-week); checked again with a parser when
// schedules are registered.
export const scheduleTriggerConfigSchema = z.object({
  cron: z.string().trim().regex(/^(\S+\s+){4}\S+$/, "Use a five-field cron expression, e.g. 0 9 * * 1-5"),
  timezone: z.string().default("UTC"),
});
export type ScheduleTriggerConfig = z.infer<typeof scheduleTriggerConfigSchema>;
