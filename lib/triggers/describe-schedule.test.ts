import { describe, expect, it } from "vitest";
import { describeSchedule } from "@/lib/triggers/describe-schedule";

describe("describeSchedule", () => {
  it("puts the cron in words with its zone and lists the next runs in that zone, across a DST change", () => {
    // Paris leaves summer time on Sunday 26 October 2025: 09:00 is 07:00 UTC before, 08:00 after.
    const { description, nextRunTimes } = describeSchedule({ cron: "0 9 * * 1-5", timezone: "Europe/Paris" }, { after: new Date("2025-10-23T12:00:00Z") });
    expect(description).toBe("At 09:00, Monday through Friday (Europe/Paris)");
    expect(nextRunTimes.map((time) => time.toISOString())).toEqual(["2025-10-24T07:00:00.000Z", "2025-10-27T08:00:00.000Z", "2025-10-28T08:00:00.000Z", "2025-10-29T08:00:00.000Z", "2025-10-30T08:00:00.000Z"]);
  });

  it("keeps the expression when it cannot be described, and lists no times", () => {
    expect(describeSchedule({ cron: "not a cron", timezone: "UTC" })).toEqual({ description: "not a cron (UTC)", nextRunTimes: [] });
  });
});
