import { beforeAll, describe, expect, it } from "vitest";
import { loadContent } from "@/lib/content/load";
import { seedContent } from "@/lib/content/seed";
import { db } from "@/lib/db";
import { getDeckTags, getForgottenCardIds } from "@/lib/data/custom-study";
import { defaultStudySettings, type StudySettings } from "@/lib/data/settings";
import { getStudyQueue } from "@/lib/data/study";
import { Rating } from "@/lib/srs/schedule";
import { parseCustomStudy } from "@/lib/validations/custom-study";
import { cardFile, createContentFixture, deckFile } from "../helpers/content-fixture";
import { gradeAsShown } from "../helpers/grade-as-shown";

// Custom study against a real database: forgotten cards, and one tag beyond the daily limits.

const settings: StudySettings = { ...defaultStudySettings, enableFuzz: false };
const now = new Date("2026-03-02T10:00:00Z");
const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
let learnerCount = 0;
const newLearner = () => `guest_${(++learnerCount).toString(16).padStart(32, "c")}`;

const grade = gradeAsShown(settings);

beforeAll(async () => {
  const fixture = createContentFixture();
  fixture.write("decks/01-g.md", deckFile("gamma"));
  for (const id of ["g1", "g2", "g3"]) fixture.write(`cards/gamma/${id}.md`, cardFile({ id, deck: "gamma" }));
  fixture.write("cards/gamma/g4.md", cardFile({ id: "g4", deck: "gamma" }).replace("tags: [test]", "tags: [etcd]"));
  await seedContent(db, loadContent(fixture.root), now);
  fixture.cleanup();
});

describe("custom study: forgotten cards", () => {
  it("shows the cards failed lately whatever their due date, until they are passed", async () => {
    const learnerId = newLearner();
    const forgotten = { kind: "forgotten", days: 1 } as const;
    await grade(learnerId, "g1", Rating.Easy, new Date("2026-02-20T10:00:00Z"));
    await grade(learnerId, "g1", Rating.Again, new Date("2026-02-28T10:00:00Z")); // forgotten 2 days ago
    await grade(learnerId, "g2", Rating.Again, now);
    await grade(learnerId, "g3", Rating.Easy, now);
    const today = await getStudyQueue(learnerId, "gamma", at(1), settings, { custom: forgotten });
    expect(today).toMatchObject({ card: { id: "g2" }, counts: { new: 0, learning: 0, review: 1 } });
    const week = await getStudyQueue(learnerId, "gamma", at(1), settings, { custom: { kind: "forgotten", days: 7 } });
    expect(week).toMatchObject({ card: { id: "g1" }, counts: { review: 2 } });
    await grade(learnerId, "g2", Rating.Good, at(2));
    expect(await getStudyQueue(learnerId, "gamma", at(2), settings, { custom: forgotten })).toMatchObject({
      card: null,
      counts: { review: 0 },
    });
  });
});

describe("getForgottenCardIds", () => {
  it("leaves out a forgotten card while it is suspended or buried, oldest failure first otherwise", async () => {
    const learnerId = newLearner();
    for (const cardId of ["g3", "g1", "g2"]) await grade(learnerId, cardId, Rating.Again, now);
    expect(await getForgottenCardIds(learnerId, "gamma", 1, at(1), settings)).toEqual(["g3", "g1", "g2"]);
    await db.cardState.update({
      where: { userId_cardId: { userId: learnerId, cardId: "g1" } },
      data: { suspendedAt: at(1) },
    });
    await db.cardState.update({
      where: { userId_cardId: { userId: learnerId, cardId: "g2" } },
      data: { buriedUntil: at(24 * 60) },
    });
    expect(await getForgottenCardIds(learnerId, "gamma", 1, at(2), settings)).toEqual(["g3"]);
    expect(await getForgottenCardIds(learnerId, "gamma", 2, at(24 * 60 + 1), settings)).toEqual(["g3", "g2"]);
  });
});

describe("getDeckTags", () => {
  it("lists the tags of a deck's cards once each, sorted", async () => {
    expect(await getDeckTags("gamma")).toEqual(["etcd", "test"]);
  });
});

describe("custom study: by tag", () => {
  it("shows only the tagged cards, beyond the daily new-card limit", async () => {
    const learnerId = newLearner();
    const noNew = { ...settings, newCardsPerDay: 0 };
    expect((await getStudyQueue(learnerId, "gamma", now, noNew)).card).toBeNull();
    const tagged = await getStudyQueue(learnerId, "gamma", now, noNew, { custom: { kind: "tag", tag: "etcd" } });
    expect(tagged).toMatchObject({ card: { id: "g4", queue: "new" }, counts: { new: 1, learning: 0, review: 0 } });
    await grade(learnerId, "g4", Rating.Easy, now, noNew);
    expect(
      (await getStudyQueue(learnerId, "gamma", now, noNew, { custom: { kind: "tag", tag: "etcd" } })).card,
    ).toBeNull();
  });
});

const messageOf = (result: ReturnType<typeof parseCustomStudy>) =>
  result.success ? undefined : result.error.issues[0]?.message;

describe("parseCustomStudy", () => {
  it("reads none, forgotten and tag, and names what is wrong otherwise", () => {
    expect(parseCustomStudy({})).toEqual({ success: true, data: undefined });
    expect(parseCustomStudy({ custom: "forgotten", days: "7" })).toMatchObject({
      success: true,
      data: { kind: "forgotten", days: 7 },
    });
    expect(parseCustomStudy({ custom: "tag", tag: "etcd" })).toMatchObject({
      success: true,
      data: { kind: "tag", tag: "etcd" },
    });
    expect(messageOf(parseCustomStudy({ custom: "forgotten", days: "99" }))).toBe(
      "Forgotten in at most the last 30 days",
    );
    expect(messageOf(parseCustomStudy({ custom: "tag" }))).toBe("Choose a tag to study");
    expect(messageOf(parseCustomStudy({ custom: "everything" }))).toBe("Custom study is 'forgotten' or 'tag'");
  });
});
