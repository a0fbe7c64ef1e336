// Grading as a study session does it (lib/data/grade-card.ts), on a real migrated database: the
// server checks a checked question's answer, takes a predict answer only for the variant shown,
// asks the session's own queue for the next card, and says when a card became a leech.
import { beforeAll, describe, expect, it } from "vitest";
import { loadContent } from "@/lib/content/load";
import { seedContent } from "@/lib/content/seed";
import { db } from "@/lib/db";
import { unissuedPredictMessage } from "@/lib/data/answers";
import { gradeCard, type NextQueueFor } from "@/lib/data/grade-card";
import { saveStudySettings } from "@/lib/data/settings";
import { Rating } from "@/lib/srs/schedule";
import type { GradeInput } from "@/lib/validations/review";
import { studySettingsSchema } from "@/lib/validations/settings";
import { cardFile, createContentFixture, deckFile } from "../helpers/content-fixture";

const now = new Date("2026-03-02T10:00:00Z");
const minutes = (n: number) => new Date(now.getTime() + n * 60_000);
let learnerCount = 0;
const newLearner = () => `guest_${(++learnerCount).toString(16).padStart(32, "c")}`;
const versionOf = async (learnerId: string, cardId: string) =>
  (await db.cardState.findUnique({ where: { userId_cardId: { userId: learnerId, cardId } } }))?.version ?? 0;

/** A next-card source that records what it was asked for. */
function recordingQueue() {
  const asked: Parameters<NextQueueFor>[0][] = [];
  const nextQueue: NextQueueFor = async (input) => {
    asked.push(input);
    return { card: null, counts: { new: 0, learning: 0, review: 0 }, nextLearningDue: null, shownAt: 0 };
  };
  return { asked, nextQueue };
}

async function grade(learnerId: string, grade: Omit<GradeInput, "version">, at = now, queue = recordingQueue()) {
  const version = await versionOf(learnerId, grade.cardId);
  const input = { learnerId, grade: { ...grade, version }, custom: undefined, shownDeckId: "alpha", now: at };
  return gradeCard(input, queue.nextQueue);
}

beforeAll(async () => {
  const fixture = createContentFixture();
  fixture.write("decks/01-a.md", deckFile("alpha"));
  fixture.write("cards/alpha/f1.md", cardFile({ id: "f1", deck: "alpha" }));
  fixture.write(
    "cards/alpha/m1.md",
    cardFile({
      id: "m1",
      deck: "alpha",
      choices: [{ text: "three", correct: true }, { text: "four" }],
    }),
  );
  await seedContent(db, loadContent(fixture.root), now);
  fixture.cleanup();
});

describe("gradeCard", () => {
  it("records the grade and asks the session's queue for the next card, not the one just graded", async () => {
    const learnerId = newLearner();
    const queue = recordingQueue();
    const state = await grade(learnerId, { cardId: "f1", rating: Rating.Good }, now, queue);
    expect(state).toMatchObject({ ok: true, next: { card: null } });
    expect(queue.asked).toEqual([
      { learnerId, deckId: "alpha", settings: expect.any(Object), options: { justGradedId: "f1", custom: undefined } },
    ]);
    expect(await db.reviewLog.count({ where: { userId: learnerId } })).toBe(1);
  });

  it("answers a repeated grade of the same shown card with the card to show instead, recording nothing", async () => {
    const learnerId = newLearner();
    const input = { learnerId, grade: { cardId: "f1", rating: Rating.Good, version: 0 }, custom: undefined, now };
    expect(await gradeCard({ ...input, shownDeckId: "alpha" }, recordingQueue().nextQueue)).toMatchObject({ ok: true });
    const queue = recordingQueue();
    const again = await gradeCard({ ...input, shownDeckId: "alpha" }, queue.nextQueue);
    expect(again).toMatchObject({ ok: false, staleCardId: "f1", next: { card: null } });
    expect(queue.asked.map((asked) => asked.deckId)).toEqual(["alpha"]);
    expect(await db.reviewLog.count({ where: { userId: learnerId } })).toBe(1);
  });

  it("grades a checked question on what the server finds, and refuses an answer the question cannot take", async () => {
    const learnerId = newLearner();
    const wrong = { kind: "multiple-choice" as const, choices: [1] };
    expect(await grade(learnerId, { cardId: "m1", rating: Rating.Easy, answer: wrong })).toMatchObject({ ok: true });
    expect(await db.reviewLog.findFirstOrThrow({ where: { userId: learnerId } })).toMatchObject({
      isCorrect: false,
      answer: wrong,
    });
    const unknown = await grade(learnerId, {
      cardId: "m1",
      rating: Rating.Good,
      answer: { kind: "multiple-choice", choices: [7] },
    });
    expect(unknown).toEqual({ ok: false, message: "That answer names choices this question does not have." });
    expect(await db.reviewLog.count({ where: { userId: learnerId } })).toBe(1);
  });

  it("refuses a predict answer for a variant the learner was not shown, recording nothing", async () => {
    const learnerId = newLearner();
    const answer = { kind: "predict" as const, seed: 12345, choice: "a", usedHint: false };
    expect(await grade(learnerId, { cardId: "f1", rating: Rating.Good, answer })).toEqual({
      ok: false,
      message: unissuedPredictMessage,
    });
    expect(await db.reviewLog.count({ where: { userId: learnerId } })).toBe(0);
  });

  it("says a card became a leech, and that it was suspended, on the lapse that reaches the threshold", async () => {
    const learnerId = newLearner();
    await db.user.create({ data: { id: learnerId, isGuest: true } });
    const form = { desiredRetention: "0.9", newCardsPerDay: "20", reviewsPerDay: "200", learningSteps: "1m 10m" };
    const rest = { relearningSteps: "10m", timeZone: "UTC", dayStartHour: "4", leechAction: "suspend" };
    await saveStudySettings(learnerId, studySettingsSchema.parse({ ...form, ...rest, leechThreshold: "1" }), now);
    for (const [rating, at] of [
      [Rating.Good, now],
      [Rating.Good, minutes(1)],
      [Rating.Good, minutes(11)],
    ] as const) {
      expect(await grade(learnerId, { cardId: "f1", rating }, at)).toEqual({ ok: true, next: expect.any(Object) });
    }
    expect(await grade(learnerId, { cardId: "f1", rating: Rating.Again }, minutes(60 * 24 * 5))).toMatchObject({
      ok: true,
      notice: "That card is a leech: it has failed too often, so it was suspended.",
    });
  });
});
