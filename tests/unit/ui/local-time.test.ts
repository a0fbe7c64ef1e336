import { describe, expect, it } from "vitest";
import { formatLocalDate, formatLocalDateTime } from "@/lib/ui/local-time";

describe("times in the learner's zone", () => {
  const instant = new Date("2026-12-07T03:30:00Z");

  it("writes the same instant in each zone, with the zone's name", () => {
    expect(formatLocalDateTime(instant, "UTC")).toBe("2026-12-07 03:30 UTC");
    expect(formatLocalDateTime(instant, "America/Los_Angeles")).toBe("2026-12-06 19:30 PST");
    expect(formatLocalDateTime(instant, "Pacific/Kiritimati")).toBe("2026-12-07 17:30 GMT+14");
  });

  it("gives the calendar date where the learner is, not in UTC", () => {
    expect(formatLocalDate(instant, "America/Los_Angeles")).toBe("2026-12-06");
    expect(formatLocalDate(new Date("2026-12-07T10:30:00Z"), "Pacific/Kiritimati")).toBe("2026-12-08");
  });
});
