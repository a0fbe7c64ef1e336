import { beforeAll, describe, expect, it } from "vitest";
import { loadContent } from "@/lib/content/load";
import { seedContent } from "@/lib/content/seed";
import { db } from "@/lib/db";
import { addExtraNewCards, saveDeckLimits } from "@/lib/data/deck-limits";
import { ensureGuestLearner } from "@/lib/data/learners";
import { mergeGuestIntoAccount } from "@/lib/data/merge-guest";
import { getProgress } from "@/lib/data/progress";
import { defaultStudySettings, type StudySettings } from "@/lib/data/settings";
import { getQueueCountsByDeck, getStudyQueue } from "@/lib/data/study";
import { dueTodayCount } from "@/lib/progress/forecast";
import { Rating } from "@/lib/srs/schedule";
import { countToday } from "@/lib/study/daily-limits";
import { cardFile, createContentFixture, deckFile } from "../helpers/content-fixture";
import { gradeAsShown } from "../helpers/grade-as-shown";

// Anki's limits and counts against a real database: per-deck limits, the cap across decks,
// learning cards in the counts, learning steps honoured, custom study's extra new cards, and
// the progress page's two "due today" figures. Time is passed in (the DAL's `now`).

const settings: StudySettings = { ...defaultStudySettings, enableFuzz: false, newCardsPerDay: 2 };
const now = new Date("2026-03-02T10:00:00Z");
const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
const tomorrow = new Date("2026-03-03T05:00:00Z");
let learnerCount = 0;
const newLearner = () => `guest_${(++learnerCount).toString(16).padStart(32, "b")}`;

const grade = gradeAsShown(settings);

beforeAll(async () => {
  const fixture = createContentFixture();
  fixture.write("decks/01-a.md", deckFile("alpha"));
  fixture.write("decks/02-b.md", deckFile("beta"));
  for (const id of ["a1", "a2", "a3"]) fixture.write(`cards/alpha/${id}.md`, cardFile({ id, deck: "alpha" }));
  for (const id of ["b1", "b2", "b3"]) fixture.write(`cards/beta/${id}.md`, cardFile({ id, deck: "beta" }));
  await seedContent(db, loadContent(fixture.root), now);
  fixture.cleanup();
});

describe("daily limits per deck", () => {
  it("studying one deck to its new-card limit leaves the other decks' new counts as they were", async () => {
    const learnerId = newLearner();
    expect((await getQueueCountsByDeck(learnerId, now, settings)).total).toEqual({ new: 4, learning: 0, review: 0 });
    await grade(learnerId, "a1", Rating.Easy, now);
    await grade(learnerId, "a2", Rating.Easy, now);
    const counts = await getQueueCountsByDeck(learnerId, now, settings);
    expect(counts.byDeck.get("alpha")).toEqual({ new: 0, learning: 0, review: 0 });
    expect(counts.byDeck.get("beta")).toEqual({ new: 2, learning: 0, review: 0 });
    expect(counts.total).toEqual({ new: 2, learning: 0, review: 0 });
    expect((await getStudyQueue(learnerId, "alpha", now, settings)).card).toBeNull();
    expect((await getStudyQueue(learnerId, "beta", now, settings)).card).toMatchObject({ id: "b1", queue: "new" });
  });

  it("the cap across all decks bounds their sum, and each deck shows no more than is left of it", async () => {
    const learnerId = newLearner();
    const capped = { ...settings, allDecksNewCardsPerDay: 3 };
    await grade(learnerId, "a1", Rating.Easy, now, capped);
    await grade(learnerId, "a2", Rating.Easy, now, capped);
    const counts = await getQueueCountsByDeck(learnerId, now, capped);
    expect(counts.byDeck.get("beta")).toEqual({ new: 1, learning: 0, review: 0 });
    expect(counts.total.new).toBe(1);
    await grade(learnerId, "b1", Rating.Easy, now, capped);
    expect((await getStudyQueue(learnerId, "beta", now, capped)).card).toBeNull();
  });

  it("a deck's own limits replace the default for that deck only; an empty limit goes back to it", async () => {
    const learnerId = newLearner();
    await ensureGuestLearner(learnerId);
    await saveDeckLimits(learnerId, "alpha", { newCardsPerDay: 3, reviewsPerDay: null });
    const counts = await getQueueCountsByDeck(learnerId, now, settings);
    expect(counts.byDeck.get("alpha")!.new).toBe(3);
    expect(counts.byDeck.get("beta")!.new).toBe(2);
    await saveDeckLimits(learnerId, "alpha", { newCardsPerDay: null, reviewsPerDay: null });
    expect((await getQueueCountsByDeck(learnerId, now, settings)).byDeck.get("alpha")!.new).toBe(2);
  });

  it(
    "a guest's deck limits move into the account on " + "sign-in, unless the account has its own for that " + "deck",
    async () => {
      const guestId = newLearner();
      await ensureGuestLearner(guestId);
      await saveDeckLimits(guestId, "alpha", { newCardsPerDay: 5, reviewsPerDay: null });
      await saveDeckLimits(guestId, "beta", { newCardsPerDay: 6, reviewsPerDay: null });
      const account = await db.user.create({ data: { email: `limits-${guestId}@example.test` } });
      await saveDeckLimits(account.id, "beta", { newCardsPerDay: 1, reviewsPerDay: null });
      await mergeGuestIntoAccount(guestId, account.id);
      const limits = await db.deckLimits.findMany({ where: { userId: account.id }, orderBy: { deckId: "asc" } });
      expect(limits.map((row) => [row.deckId, row.newCardsPerDay])).toEqual([
        ["alpha", 5],
        ["beta", 1],
      ]);
      expect(await db.deckLimits.count({ where: { userId: guestId } })).toBe(0);
    },
  );

  it("custom study's extra new cards apply to one deck for today only, adding up within the day", async () => {
    const learnerId = newLearner();
    await grade(learnerId, "a1", Rating.Easy, now);
    await grade(learnerId, "a2", Rating.Easy, now);
    await addExtraNewCards(learnerId, "alpha", 1, now, settings);
    expect((await getStudyQueue(learnerId, "alpha", now, settings)).card).toMatchObject({ id: "a3", queue: "new" });
    expect((await getQueueCountsByDeck(learnerId, now, settings)).byDeck.get("beta")!.new).toBe(2);
    await addExtraNewCards(learnerId, "alpha", 1, at(1), settings);
    expect(
      (await db.deckLimits.findUniqueOrThrow({ where: { userId_deckId: { userId: learnerId, deckId: "alpha" } } }))
        .extraNewCards,
    ).toBe(2);
    await addExtraNewCards(learnerId, "alpha", 1, tomorrow, settings);
    expect(
      (await db.deckLimits.findUniqueOrThrow({ where: { userId_deckId: { userId: learnerId, deckId: "alpha" } } }))
        .extraNewCards,
    ).toBe(1);
  });
});

describe("learning cards in the counts and the queue", () => {
  it("a card graded Again counts as learning, and the counts add up to the cards the deck shows today", async () => {
    const learnerId = newLearner();
    const first = await getStudyQueue(learnerId, "alpha", now, settings);
    const announced = countToday(first.counts);
    expect(announced).toBe(2);
    const shown = new Set<string>();
    let queue = first;
    for (let minute = 0; queue.card && minute < 60; minute++) {
      shown.add(queue.card.id);
      const rating = queue.card.id === "a1" && queue.card.queue === "new" ? Rating.Again : Rating.Easy;
      await grade(learnerId, queue.card.id, rating, at(minute));
      queue = await getStudyQueue(learnerId, "alpha", at(minute), settings, { justGradedId: queue.card.id });
      if (rating === Rating.Again) {
        expect(queue.counts).toEqual({ new: 1, learning: 1, review: 0 });
        expect(countToday(queue.counts)).toBe(announced); // a1 is still to come today
      }
    }
    expect(queue.card).toBeNull();
    expect(shown.size).toBe(announced);
    expect(countToday((await getQueueCountsByDeck(learnerId, at(60), settings)).byDeck.get("alpha")!)).toBe(0);
  });

  it(
    "a learning card waits for its step while other cards " + "are ready, then is shown early when none is left",
    async () => {
      const learnerId = newLearner();
      await grade(learnerId, "a1", Rating.Again, now); // back in 1 minute
      const next = await getStudyQueue(learnerId, "alpha", now, settings, { justGradedId: "a1" });
      expect(next.card).toMatchObject({ id: "a2", queue: "new" });
      expect(next.nextLearningDue).toEqual(at(1));
      await grade(learnerId, "a2", Rating.Easy, now);
      expect((await getStudyQueue(learnerId, "alpha", now, settings, { justGradedId: "a2" })).card).toMatchObject({
        id: "a1",
        queue: "learning",
      });
    },
  );

  it("never shows the card just graded twice in a row while another learning card could be shown", async () => {
    const learnerId = newLearner();
    await grade(learnerId, "a1", Rating.Good, now); // second step: back in 10 minutes
    await grade(learnerId, "a2", Rating.Again, now); // back in 1 minute: the sooner of the two
    const next = await getStudyQueue(learnerId, "alpha", now, settings, { justGradedId: "a2" });
    expect(next.card).toMatchObject({ id: "a1", queue: "learning" });
    expect(next.counts).toEqual({ new: 0, learning: 2, review: 0 });
  });

  it(
    "says when the next learning card is due instead of ending the " +
      "day when its step is longer than the learn-ahead limit",
    async () => {
      const learnerId = newLearner();
      const slow = { ...settings, newCardsPerDay: 1, learningSteps: ["30m" as const] };
      await grade(learnerId, "a1", Rating.Again, now, slow);
      const queue = await getStudyQueue(learnerId, "alpha", now, slow, { justGradedId: "a1" });
      expect(queue).toMatchObject({ card: null, counts: { new: 0, learning: 1, review: 0 }, nextLearningDue: at(30) });
      const home = await getQueueCountsByDeck(learnerId, now, slow);
      expect(home.nextLearningDue).toEqual(at(30));
      expect(countToday(home.total)).toBe(1 + 2 - 1); // a1 learning, beta's one new card: 1 + 1
    },
  );
});

describe("progress", () => {
  it("the headline's due today and the forecast's first day are one number, within the review limit", async () => {
    const learnerId = newLearner();
    for (const cardId of ["a1", "a2", "b1", "b2"])
      await grade(learnerId, cardId, Rating.Easy, new Date("2026-02-01T10:00:00Z"), { ...settings, newCardsPerDay: 9 });
    await grade(learnerId, "b3", Rating.Again, now, { ...settings, newCardsPerDay: 9 });
    const limited = { ...settings, reviewsPerDay: 1 };
    const progress = await getProgress(learnerId, now, limited);
    expect(progress.dueToday).toMatchObject({ review: 2, learning: 1 }); // one review per deck, b3 learning
    expect(progress.forecast[0]).toBe(dueTodayCount(progress.dueToday));
    expect(progress.forecast[0]).toBe(3);
  });
});
