import { CronExpressionParser } from "cron-parser";
import { z } from "zod";

/** Five-field cron (minute hour day-of-month month day-of-week) in an IANA time zone. */
export const scheduleTriggerConfigSchema = z
  .object({
    cron: z.string({ error: "Enter a five-field cron expression, e.g. 0 9 * * 1-5" }).trim().regex(/^(\S+\s+){4}\S+$/, "Use a five-field cron expression, e.g. 0 9 * * 1-5"),
    timezone: z.string().default("UTC"),
  })
  .superRefine((config, context) => {
    if (!Intl.supportedValuesOf("timeZone").includes(config.timezone) && config.timezone !== "UTC") {
      context.addIssue({ code: "custom", path: ["timezone"], message: `Unknown time zone "${config.timezone}".` });
      return;
    }
    try {
      CronExpressionParser.parse(config.cron, { tz: config.timezone }).next();
    } catch (error) {
      context.addIssue({ code: "custom", path: ["cron"], message: `Invalid cron expression: ${(error as Error).message}` });
    }
  });
export type ScheduleTriggerConfig = z.infer<typeof scheduleTriggerConfigSchema>;

/** The first time the schedule fires after `after`. */
export function nextRunAfter(config: { cron: string; timezone: string }, after: Date): Date {
  return CronExpressionParser.parse(config.cron, { currentDate: after, tz: config.timezone }).next().toDate();
}
