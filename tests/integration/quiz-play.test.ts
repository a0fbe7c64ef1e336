// Where a quiz stands as it is played (lib/data/quiz-play.ts getQuizProgress), on a real migrated
// database: the next question, the time left, and the three ways a quiz is over.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getQuizProgress } from "@/lib/data/quiz-play";
import { seedAlphaDeck } from "../helpers/seed-alpha-deck";

const now = new Date("2026-03-02T10:00:00Z");
const seconds = (n: number) => new Date(now.getTime() + n * 1000);
const [ann, bob] = [`guest_${"7".repeat(32)}`, `guest_${"8".repeat(32)}`];
let quizCount = 0;

/** A quiz of ann's over c1, c2, c3 with the first `answered` of them answered. */
async function createQuiz(answered: number, quiz: { mode?: string; timeLimitSec?: number; finishedAt?: Date } = {}) {
  const id = `play-${++quizCount}`;
  await db.quiz.create({ data: { id, userId: ann, mode: "quiz", deckIds: [], tags: [], startedAt: now, ...quiz } });
  await db.quizQuestion.createMany({
    data: ["c1", "c2", "c3"].map((cardId, position) => ({
      quizId: id,
      position,
      cardId,
      answeredAt: position < answered ? now : null,
    })),
  });
  return id;
}

beforeAll(async () => {
  await seedAlphaDeck(db, now);
  for (const id of [ann, bob]) await db.user.create({ data: { id, isGuest: true } });
});

describe("getQuizProgress", () => {
  it("names the first unanswered question and the time left of a timed quiz", async () => {
    const quizId = await createQuiz(1, { mode: "interview", timeLimitSec: 60 });
    expect(await getQuizProgress(ann, quizId, seconds(20))).toMatchObject({
      mode: "interview",
      questionCount: 3,
      answeredCount: 1,
      remainingMs: 40_000,
      isFinished: false,
      next: { position: 1, cardId: "c2" },
    });
  });

  it("is over when finished, when every question is answered, or when the time is up", async () => {
    const over = { isFinished: true, next: null };
    const finished = await createQuiz(0, { finishedAt: now });
    expect(await getQuizProgress(ann, finished, now)).toMatchObject({ ...over, remainingMs: null });
    expect(await getQuizProgress(ann, await createQuiz(3), now)).toMatchObject({ ...over, answeredCount: 3 });
    const timed = await createQuiz(0, { timeLimitSec: 60 });
    expect(await getQuizProgress(ann, timed, seconds(61))).toMatchObject({ ...over, remainingMs: 0 });
  });

  it("finds only the learner's own quiz, and only of the mode asked for", async () => {
    const quizId = await createQuiz(0);
    expect(await getQuizProgress(bob, quizId, now)).toBeNull();
    expect(await getQuizProgress(ann, quizId, now, "interview")).toBeNull();
    expect(await getQuizProgress(ann, quizId, now, "quiz")).toMatchObject({ id: quizId, isFinished: false });
  });
});
