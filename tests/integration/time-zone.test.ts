// The time zone a browser reports (lib/data/time-zone.ts): stored only until one is known, never
// over the learner's own choice in Settings, and never creating a learner.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getStudySettings, saveStudySettings } from "@/lib/data/settings";
import { browserTimeZone, saveDetectedTimeZone } from "@/lib/data/time-zone";
import { studySettingsSchema } from "@/lib/validations/settings";

const now = new Date("2026-03-02T10:00:00Z");
let learnerCount = 0;
const newLearner = async () => {
  const id = `guest_${(++learnerCount).toString(16).padStart(32, "d")}`;
  await db.user.create({ data: { id, isGuest: true } });
  return id;
};
const zoneOf = async (learnerId: string) =>
  (await db.learnerSettings.findUnique({ where: { userId: learnerId } }))?.timeZone;

describe("saveDetectedTimeZone", () => {
  it("stores the first zone reported and keeps it when another browser reports a different one", async () => {
    const learnerId = await newLearner();
    expect(await saveDetectedTimeZone(learnerId, "Europe/Berlin", now)).toBe(true);
    expect(await zoneOf(learnerId)).toBe("Europe/Berlin");
    expect(await saveDetectedTimeZone(learnerId, "America/Chicago", now)).toBe(true);
    expect(await zoneOf(learnerId)).toBe("Europe/Berlin");
  });

  it("never replaces the zone the learner chose in Settings", async () => {
    const learnerId = await newLearner();
    const settings = studySettingsSchema.parse({
      desiredRetention: "0.9",
      newCardsPerDay: "20",
      reviewsPerDay: "200",
      learningSteps: "1m 10m",
      relearningSteps: "10m",
      timeZone: "Asia/Tokyo",
      dayStartHour: "4",
      leechThreshold: "8",
      leechAction: "suspend",
    });
    await saveStudySettings(learnerId, settings, now);
    await saveDetectedTimeZone(learnerId, "Europe/Berlin", now);
    expect((await getStudySettings(learnerId)).timeZone).toBe("Asia/Tokyo");
  });

  it("writes nothing for a visitor who has no row yet", async () => {
    const visitor = `guest_${"e".repeat(32)}`;
    expect(await saveDetectedTimeZone(visitor, "Europe/Berlin", now)).toBe(false);
    expect(await db.user.count({ where: { id: visitor } })).toBe(0);
    expect(await db.learnerSettings.count({ where: { userId: visitor } })).toBe(0);
  });
});

describe("browserTimeZone", () => {
  it("is null outside a request, where no browser can be asked", async () => {
    expect(await browserTimeZone()).toBeNull();
  });
});
