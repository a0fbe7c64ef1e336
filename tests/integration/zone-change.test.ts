import { beforeAll, describe, expect, it } from "vitest";
import { loadContent } from "@/lib/content/load";
import { seedContent } from "@/lib/content/seed";
import { db } from "@/lib/db";
import { ensureGuestLearner } from "@/lib/data/learners";
import { recordReview } from "@/lib/data/reviews";
import { getStudySettings, saveStudySettings } from "@/lib/data/settings";
import { getQueueCountsByDeck } from "@/lib/data/study";
import { Rating } from "@/lib/srs/schedule";
import { studySettingsSchema } from "@/lib/validations/settings";
import { cardFile, createContentFixture, deckFile } from "../helpers/content-fixture";

// A change of time zone never skips or repeats a study day (lib/srs/day.ts startOfStudyDay):
// the day in progress runs on until the new zone's first rollover, then a new day begins.

let learnerCount = 0;
const newLearner = () => `guest_${(++learnerCount).toString(16).padStart(32, "c")}`;
const form = (timeZone: string) =>
  studySettingsSchema.parse({
    desiredRetention: "0.9",
    newCardsPerDay: "2",
    reviewsPerDay: "200",
    learningSteps: "1m 10m",
    relearningSteps: "10m",
    timeZone,
    dayStartHour: "4",
    leechThreshold: "8",
    leechAction: "suspend",
  });

beforeAll(async () => {
  const fixture = createContentFixture();
  fixture.write("decks/01-z.md", deckFile("zulu"));
  for (const id of ["z1", "z2", "z3", "z4", "z5"]) fixture.write(`cards/zulu/${id}.md`, cardFile({ id, deck: "zulu" }));
  await seedContent(db, loadContent(fixture.root), new Date("2026-12-01T00:00:00Z"));
  fixture.cleanup();
});

async function learnerIn(timeZone: string, at: Date) {
  const learnerId = newLearner();
  await ensureGuestLearner(learnerId);
  await saveStudySettings(learnerId, form(timeZone), at);
  return learnerId;
}

async function studyNewCards(learnerId: string, cardIds: string[], at: Date) {
  const settings = { ...(await getStudySettings(learnerId)), enableFuzz: false };
  for (const cardId of cardIds)
    expect(await recordReview({ learnerId, cardId, rating: Rating.Easy, version: 0, now: at, settings })).toMatchObject(
      { ok: true },
    );
}

const newLeft = async (learnerId: string, at: Date) =>
  (await getQueueCountsByDeck(learnerId, at, await getStudySettings(learnerId))).byDeck.get("zulu")?.new;

describe("changing the time zone", () => {
  it("moving east (UTC → UTC+14) late in the day does not start a second 'today' with fresh new cards", async () => {
    const learnerId = await learnerIn("UTC", new Date("2026-12-06T12:00:00Z"));
    await studyNewCards(learnerId, ["z1", "z2"], new Date("2026-12-07T05:00:00Z"));
    expect(await newLeft(learnerId, new Date("2026-12-07T22:00:00Z"))).toBe(0);
    await saveStudySettings(learnerId, form("Pacific/Kiritimati"), new Date("2026-12-07T23:00:00Z"));
    // 13:00 on Dec 8 in Kiritimati: without the carry, its day began at 14:00 UTC and the two cards would not count.
    expect(await newLeft(learnerId, new Date("2026-12-07T23:30:00Z"))).toBe(0);
    expect(await newLeft(learnerId, new Date("2026-12-08T13:59:00Z"))).toBe(0);
    // 04:00 on Dec 9 in Kiritimati: the next day, with its own new cards.
    expect(await newLeft(learnerId, new Date("2026-12-08T14:01:00Z"))).toBe(2);
  });

  it("moving west (UTC+14 → Los Angeles) neither skips the next day nor repeats the current one", async () => {
    const learnerId = await learnerIn("Pacific/Kiritimati", new Date("2026-12-06T12:00:00Z"));
    await studyNewCards(learnerId, ["z3", "z4"], new Date("2026-12-08T15:00:00Z")); // 05:00 on Dec 9 there
    await saveStudySettings(learnerId, form("America/Los_Angeles"), new Date("2026-12-08T20:00:00Z"));
    expect(await newLeft(learnerId, new Date("2026-12-08T20:30:00Z"))).toBe(0);
    expect(await newLeft(learnerId, new Date("2026-12-09T11:59:00Z"))).toBe(0);
    // 04:00 on Dec 9 in Los Angeles: the first rollover after the change starts the next day.
    expect(await newLeft(learnerId, new Date("2026-12-09T12:01:00Z"))).toBe(2);
  });

  it("saving other settings keeps the carried day, and a learner who never changed zone has none", async () => {
    const learnerId = await learnerIn("UTC", new Date("2026-12-06T12:00:00Z"));
    expect((await getStudySettings(learnerId)).dayCarry).toBeNull();
    await saveStudySettings(learnerId, form("Asia/Tokyo"), new Date("2026-12-07T10:00:00Z"));
    const carried = (await getStudySettings(learnerId)).dayCarry;
    expect(carried).toEqual({
      dayStart: new Date("2026-12-07T04:00:00Z"),
      changedAt: new Date("2026-12-07T10:00:00Z"),
    });
    await saveStudySettings(learnerId, { ...form("Asia/Tokyo"), newCardsPerDay: 5 }, new Date("2026-12-07T11:00:00Z"));
    expect((await getStudySettings(learnerId)).dayCarry).toEqual(carried);
  });
});
