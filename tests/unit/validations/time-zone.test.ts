import { describe, expect, it } from "vitest";
import { detectedTimeZoneSchema } from "@/lib/validations/settings";

describe("a reported time zone", () => {
  it("accepts IANA names that Intl knows", () => {
    for (const zone of ["America/Los_Angeles", "Pacific/Kiritimati", "UTC", "Asia/Kolkata"])
      expect(detectedTimeZoneSchema.safeParse(zone).success).toBe(true);
  });

  it("refuses anything else with a message", () => {
    for (const zone of ["Mars/Olympus_Mons", "", "x".repeat(65), 42, null]) {
      const parsed = detectedTimeZoneSchema.safeParse(zone);
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0]?.message).toBeTruthy();
    }
  });
});
