import { describe, expect, it } from "vitest";
import { nextRunAfter } from "@/lib/engine/nodes/schedule-trigger/schema";

const weekdaysAtNineInParis = { cron: "0 9 * * 1-5", timezone: "Europe/Paris" };

describe("nextRunAfter", () => {
  it("follows the time zone's offset through the year (09:00 Paris is 08:00 UTC in winter, 07:00 UTC in summer)", () => {
    expect(nextRunAfter(weekdaysAtNineInParis, new Date("2026-01-14T12:00:00Z")).toISOString()).toBe("2026-01-15T08:00:00.000Z");
    expect(nextRunAfter(weekdaysAtNineInParis, new Date("2026-07-14T12:00:00Z")).toISOString()).toBe("2026-07-15T07:00:00.000Z");
  });

  it("skips the weekend and crosses the daylight-saving changes", () => {
    // Friday 27 March 2026 after 09:00; clocks go forward on Sunday 29 March.
    expect(nextRunAfter(weekdaysAtNineInParis, new Date("2026-03-27T10:00:00Z")).toISOString()).toBe("2026-03-30T07:00:00.000Z");
    // Friday 23 October 2026 after 09:00; clocks go back on Sunday 25 October.
    expect(nextRunAfter(weekdaysAtNineInParis, new Date("2026-10-23T10:00:00Z")).toISOString()).toBe("2026-10-26T08:00:00.000Z");
  });

  it("runs in UTC by default", () => {
    expect(nextRunAfter({ cron: "30 6 * * *", timezone: "UTC" }, new Date("2026-07-14T12:00:00Z")).toISOString()).toBe("2026-07-15T06:30:00.000Z");
  });
});
