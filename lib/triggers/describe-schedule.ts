import cronstrue from "cronstrue";
import { CronExpressionParser } from "cron-parser";

/**
 * A schedule as people read it — "At 09:00, Monday through Friday (Europe/Paris)" — and its next
 * run times (in UTC instants; shown in the schedule's zone by the studio).
 */
export function describeSchedule({ cron, timezone }: { cron: string; timezone: string }, { count = 5, after = new Date() }: { count?: number; after?: Date } = {}) {
  let description: string;
  try {
    description = `${cronstrue.toString(cron, { use24HourTimeFormat: true, verbose: false })} (${timezone})`;
  } catch {
    description = `${cron} (${timezone})`;
  }
  const nextRunTimes: Date[] = [];
  try {
    const expression = CronExpressionParser.parse(cron, { currentDate: after, tz: timezone });
    for (let i = 0; i < count; i++) nextRunTimes.push(expression.next().toDate());
  } catch {
    // An invalid expression never reaches a Trigger row (validated at publish); show no times.
  }
  return { description, nextRunTimes };
}
