import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { mergeGuestIntoAccount } from "@/lib/data/merge-guest";
import { answerQuizQuestion } from "@/lib/data/quiz-play";
import { recordReview } from "@/lib/data/reviews";
import { defaultStudySettings } from "@/lib/data/settings";
import { getStudyQueue } from "@/lib/data/study";
import { Rating, State } from "@/lib/srs/schedule";
import { seedAlphaDeck } from "../helpers/seed-alpha-deck";

const settings = { ...defaultStudySettings, enableFuzz: false };
const now = new Date("2026-03-02T10:00:00Z");
let learnerCount = 0;
const newLearner = () => `guest_${(++learnerCount).toString(16).padStart(32, "0")}`;

beforeAll(async () => {
  await seedAlphaDeck(db, now);
});

describe("recordReview", () => {
  it("grades a card and reads it back: new state, one log with the state before and after", async () => {
    const learnerId = newLearner();
    const result = await recordReview({
      learnerId,
      cardId: "c1",
      rating: Rating.Good,
      version: 0,
      shownAt: now.getTime() - 4000,
      now,
      settings,
    });
    expect(result).toEqual({ ok: true, deckId: "alpha", becameLeech: false, isSuspended: false });
    const state = await db.cardState.findUniqueOrThrow({
      where: { userId_cardId: { userId: learnerId, cardId: "c1" } },
    });
    expect(state).toMatchObject({ state: State.Learning, reps: 1, version: 1 });
    expect(state.due.getTime() - now.getTime()).toBe(10 * 60_000);
    const [log, ...more] = await db.reviewLog.findMany({ where: { userId: learnerId } });
    expect(more).toHaveLength(0);
    expect(log).toMatchObject({ rating: Rating.Good, state: State.New, durationMs: 4000, stateBefore: null });
    expect(log!.stateAfter).toMatchObject({ state: State.Learning, reps: 1, due: state.due.toISOString() });
    expect((await db.user.findUniqueOrThrow({ where: { id: learnerId } })).isGuest).toBe(true);
  });

  it("records one review when the same shown card is graded twice, even concurrently", async () => {
    const learnerId = newLearner();
    const grade = () => recordReview({ learnerId, cardId: "c2", rating: Rating.Easy, version: 0, now, settings });
    const results = await Promise.all([grade(), grade()]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ code: "already-graded" });
    expect(await grade()).toMatchObject({ ok: false, code: "already-graded" });
    expect(await db.reviewLog.count({ where: { userId: learnerId } })).toBe(1);
  });

  it(
    "records one review when a card with history is graded " + "by 12 concurrent submits of the same shown version",
    async () => {
      const learnerId = newLearner();
      await recordReview({ learnerId, cardId: "c1", rating: Rating.Good, version: 0, now, settings });
      const later = new Date(now.getTime() + 60 * 60_000);
      const results = await Promise.all(
        Array.from({ length: 12 }, () =>
          recordReview({ learnerId, cardId: "c1", rating: Rating.Good, version: 1, now: later, settings }),
        ),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok).map((r) => (r.ok ? null : r.code))).toEqual(Array(11).fill("already-graded"));
      expect(await db.reviewLog.count({ where: { userId: learnerId } })).toBe(2);
      expect(
        await db.cardState.findUniqueOrThrow({ where: { userId_cardId: { userId: learnerId, cardId: "c1" } } }),
      ).toMatchObject({ version: 2, reps: 2 });
    },
  );

  it(
    "keeps every acknowledged grade, with its card state, " + "when a guest's grades race the merge into an account",
    async () => {
      for (let round = 0; round < 4; round++) {
        const [guestId, accountId] = [newLearner(), newLearner()];
        await db.user.create({ data: { id: accountId, email: `${accountId}@example.com` } });
        await recordReview({ learnerId: guestId, cardId: "c1", rating: Rating.Good, version: 0, now, settings });
        const grade = (cardId: string) =>
          recordReview({ learnerId: guestId, cardId, rating: Rating.Good, version: 0, now, settings }).catch(
            () => ({ ok: false }) as const,
          );
        const [, ...grades] = await Promise.all([mergeGuestIntoAccount(guestId, accountId), grade("c2"), grade("c3")]);
        const acknowledged = ["c1", ...["c2", "c3"].filter((_, index) => grades[index]!.ok)];
        const logs = await db.reviewLog.findMany({
          where: { requestKey: { in: acknowledged.map((cardId) => `${guestId}:${cardId}:0`) } },
          select: { userId: true, cardId: true },
        });
        expect(logs.map((log) => log.cardId).sort()).toEqual(acknowledged);
        for (const log of logs) {
          expect(
            await db.cardState.findUnique({
              where: { userId_cardId: { userId: log.userId, cardId: log.cardId } },
              select: { version: true },
            }),
          ).toEqual({ version: 1 });
        }
      }
    },
  );

  it(
    "always records a quiz answer made at the same moment as a " +
      "study grade of its card, which is kept or refused as stale",
    async () => {
      for (let round = 0; round < 4; round++) {
        const learnerId = newLearner();
        await db.user.create({ data: { id: learnerId, isGuest: true } });
        const quiz = await db.quiz.create({
          data: {
            userId: learnerId,
            mode: "quiz",
            deckIds: ["alpha"],
            tags: [],
            startedAt: now,
            questions: { create: [{ position: 0, cardId: "c2" }] },
          },
        });
        const [quizResult, studyResult] = await Promise.all([
          answerQuizQuestion({ learnerId, quizId: quiz.id, position: 0, rating: Rating.Good, now, settings }),
          recordReview({ learnerId, cardId: "c2", rating: Rating.Good, version: 0, now, settings }),
        ]);
        expect(quizResult).toMatchObject({ ok: true });
        const sources = studyResult.ok ? ["quiz", "study"] : ["quiz"];
        // the quiz answer came first: version 0 was stale
        if (!studyResult.ok) expect(studyResult.code).toBe("already-graded");
        expect(
          (await db.reviewLog.findMany({ where: { userId: learnerId }, select: { source: true } }))
            .map((log) => log.source)
            .sort(),
        ).toEqual(sources);
        expect(
          await db.cardState.findUniqueOrThrow({ where: { userId_cardId: { userId: learnerId, cardId: "c2" } } }),
        ).toMatchObject({ version: sources.length, reps: sources.length });
      }
    },
  );

  it("rejects an unknown card and writes nothing", async () => {
    const learnerId = newLearner();
    expect(
      await recordReview({ learnerId, cardId: "no-such-card", rating: Rating.Good, version: 0, now, settings }),
    ).toMatchObject({
      ok: false,
      code: "unknown-card",
    });
    expect(await db.user.findUnique({ where: { id: learnerId } })).toBeNull();
  });

  it("keeps learners apart: one learner's grade never touches another's state", async () => {
    const [alice, bob] = [newLearner(), newLearner()];
    await recordReview({ learnerId: alice, cardId: "c3", rating: Rating.Easy, version: 0, now, settings });
    expect(await db.cardState.count({ where: { userId: bob } })).toBe(0);
    expect(
      await recordReview({ learnerId: bob, cardId: "c3", rating: Rating.Again, version: 0, now, settings }),
    ).toMatchObject({ ok: true });
    const aliceState = await db.cardState.findUniqueOrThrow({
      where: { userId_cardId: { userId: alice, cardId: "c3" } },
    });
    expect(aliceState.state).toBe(State.Review);
  });
});

describe("getStudyQueue", () => {
  it("serves new cards in order, then the learning card when it comes due", async () => {
    const learnerId = newLearner();
    const first = await getStudyQueue(learnerId, "alpha", now, settings);
    expect(first.card).toMatchObject({ id: "c1", queue: "new", version: 0 });
    expect(first.counts).toEqual({ new: 3, learning: 0, review: 0 });
    expect(first.card!.previews.map((p) => p.label).slice(0, 3)).toEqual(["1m", "6m", "10m"]);

    await recordReview({ learnerId, cardId: "c1", rating: Rating.Again, version: 0, now, settings });
    for (const cardId of ["c2", "c3"])
      await recordReview({ learnerId, cardId, rating: Rating.Easy, version: 0, now, settings });
    // c1 comes back in 1 minute: within the 20-minute learn-ahead window, so it is shown now,
    // and counted as the one learning card the deck still shows today.
    const ahead = await getStudyQueue(learnerId, "alpha", now, settings);
    expect(ahead.card).toMatchObject({ id: "c1", queue: "learning", version: 1 });
    expect(ahead.counts).toEqual({ new: 0, learning: 1, review: 0 });

    await recordReview({
      learnerId,
      cardId: "c1",
      rating: Rating.Easy,
      version: 1,
      now: new Date(now.getTime() + 60_000),
      settings,
    });
    const done = await getStudyQueue(learnerId, "alpha", new Date(now.getTime() + 120_000), settings);
    expect(done).toEqual({ card: null, counts: { new: 0, learning: 0, review: 0 }, nextLearningDue: null });
  });

  it("stops new cards at the daily limit, and starts again the next learning day", async () => {
    const learnerId = newLearner();
    const limited = { ...settings, newCardsPerDay: 1 };
    await recordReview({ learnerId, cardId: "c1", rating: Rating.Easy, version: 0, now, settings: limited });
    expect((await getStudyQueue(learnerId, "alpha", now, limited)).card).toBeNull();
    const tomorrow = new Date("2026-03-03T04:00:00Z"); // 4 am UTC: the next learning day
    expect((await getStudyQueue(learnerId, "alpha", tomorrow, limited)).card).toMatchObject({ id: "c2", queue: "new" });
  });
});
