import { describe, expect, it } from "vitest";
import {
  fromLearnerDayTime,
  isValidTimeZone,
  startOfLearnerDay,
  startOfNextLearnerDay,
  timeZoneOffsetMinutes,
  toLearnerDayTime,
} from "@/lib/srs/day";

const at = (iso: string) => new Date(iso);

describe("timeZoneOffsetMinutes", () => {
  it("knows whole, half-hour and daylight-saving offsets", () => {
    expect(timeZoneOffsetMinutes(at("2026-01-15T12:00:00Z"), "UTC")).toBe(0);
    expect(timeZoneOffsetMinutes(at("2026-01-15T12:00:00Z"), "Europe/Paris")).toBe(60);
    expect(timeZoneOffsetMinutes(at("2026-07-15T12:00:00Z"), "Europe/Paris")).toBe(120);
    expect(timeZoneOffsetMinutes(at("2026-01-15T12:00:00Z"), "Asia/Kolkata")).toBe(330);
    expect(timeZoneOffsetMinutes(at("2026-01-15T12:00:00Z"), "America/New_York")).toBe(-300);
  });

  it("recognises valid IANA zones only", () => {
    expect(isValidTimeZone("Asia/Tokyo")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus")).toBe(false);
  });
});

describe("learner day boundaries", () => {
  it("starts the day at 4 am by default, so 3 am still belongs to yesterday", () => {
    const prefs = { timeZone: "UTC", dayStartHour: 4 };
    expect(startOfLearnerDay(at("2026-03-10T03:00:00Z"), prefs)).toEqual(at("2026-03-09T04:00:00Z"));
    expect(startOfLearnerDay(at("2026-03-10T04:00:00Z"), prefs)).toEqual(at("2026-03-10T04:00:00Z"));
    expect(startOfNextLearnerDay(at("2026-03-10T03:00:00Z"), prefs)).toEqual(at("2026-03-10T04:00:00Z"));
  });

  it("follows the learner's zone, including half-hour offsets", () => {
    const prefs = { timeZone: "Asia/Kolkata", dayStartHour: 4 };
    // 05:30 in Kolkata: the day began at 04:00 local, 22:30 UTC the evening before.
    expect(startOfLearnerDay(at("2026-06-01T00:00:00Z"), prefs)).toEqual(at("2026-05-31T22:30:00Z"));
  });

  it("handles the 23-hour day when daylight saving starts (New York, 8 March 2026)", () => {
    const prefs = { timeZone: "America/New_York", dayStartHour: 4 };
    const now = at("2026-03-08T12:00:00Z"); // 08:00 EDT
    expect(startOfLearnerDay(now, prefs)).toEqual(at("2026-03-08T08:00:00Z")); // 04:00 EDT
    expect(startOfNextLearnerDay(now, prefs)).toEqual(at("2026-03-09T08:00:00Z"));
    expect(startOfLearnerDay(at("2026-03-08T07:30:00Z"), prefs)).toEqual(at("2026-03-07T09:00:00Z")); // 04:00 EST
  });

  it("maps to learner day time and back without drift", () => {
    const prefs = { timeZone: "America/New_York", dayStartHour: 4 };
    for (const iso of [
      "2026-03-08T06:59:00Z",
      "2026-03-08T07:00:00Z",
      "2026-11-01T05:30:00Z",
      "2026-11-01T07:30:00Z",
    ]) {
      expect(fromLearnerDayTime(toLearnerDayTime(at(iso), prefs), prefs)).toEqual(at(iso));
    }
  });

  it("maps the repeated hour when daylight saving ends to one of its two instants", () => {
    const prefs = { timeZone: "America/New_York", dayStartHour: 4 };
    // 01:30 local happens twice on 1 November 2026: 05:30 UTC (EDT) and 06:30 UTC (EST).
    const back = fromLearnerDayTime(toLearnerDayTime(at("2026-11-01T06:30:00Z"), prefs), prefs);
    expect(["2026-11-01T05:30:00.000Z", "2026-11-01T06:30:00.000Z"]).toContain(back.toISOString());
  });
});
