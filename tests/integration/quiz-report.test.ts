// A quiz's report and the list of quizzes (lib/data/quiz-report.ts), on a real migrated database:
// the score overall and per deck, what was answered against what was right, and when a quiz counts
// as finished.
import { beforeAll, describe, expect, it } from "vitest";
import { loadContent } from "@/lib/content/load";
import { seedContent } from "@/lib/content/seed";
import { db } from "@/lib/db";
import { getQuizReport, listQuizzes } from "@/lib/data/quiz-report";
import { cardFile, createContentFixture, deckFile } from "../helpers/content-fixture";

const now = new Date("2026-03-02T10:00:00Z");
const minutes = (n: number) => new Date(now.getTime() + n * 60_000);
const [ann, bob] = [`guest_${"5".repeat(32)}`, `guest_${"6".repeat(32)}`];
let quizCount = 0;

type Question = { cardId: string; answer?: object; isCorrect?: boolean; rating?: number };

async function createQuiz(
  userId: string,
  questions: Question[],
  quiz: { timeLimitSec?: number; finishedAt?: Date } = {},
) {
  const id = `quiz-${++quizCount}`;
  await db.quiz.create({
    data: { id, userId, mode: "quiz", deckIds: [], tags: [], startedAt: now, ...quiz },
  });
  await db.quizQuestion.createMany({
    data: questions.map((question, position) => ({
      quizId: id,
      position,
      cardId: question.cardId,
      answer: question.answer,
      isCorrect: question.isCorrect,
      rating: question.rating,
      answeredAt: question.isCorrect === undefined ? null : now,
    })),
  });
  return id;
}

beforeAll(async () => {
  const fixture = createContentFixture();
  fixture.write("decks/01-a.md", deckFile("alpha", "Alpha"));
  fixture.write("decks/02-b.md", deckFile("beta", "Beta"));
  fixture.write(
    "cards/alpha/m1.md",
    cardFile({
      id: "m1",
      deck: "alpha",
      choices: [{ text: "three", correct: true }, { text: "four" }, { text: "five" }],
    }),
  );
  fixture.write("cards/alpha/o1.md", cardFile({ id: "o1", deck: "alpha", steps: ["first", "second", "third"] }));
  fixture.write("cards/beta/f1.md", cardFile({ id: "f1", deck: "beta" }));
  await seedContent(db, loadContent(fixture.root), now);
  fixture.cleanup();
  for (const id of [ann, bob]) await db.user.create({ data: { id, isGuest: true } });
});

describe("getQuizReport", () => {
  it("scores the quiz overall and per deck, and shows each answer beside the right one", async () => {
    const quizId = await createQuiz(ann, [
      { cardId: "m1", answer: { kind: "multiple-choice", choices: [2] }, isCorrect: false, rating: 1 },
      { cardId: "o1", answer: { kind: "ordering", order: [1, 0, 2] }, isCorrect: false, rating: 3 },
      { cardId: "f1", isCorrect: true, rating: 3 },
      { cardId: "m1", answer: { kind: "multiple-choice", choices: [0] }, isCorrect: true, rating: 3 },
    ]);
    const report = await getQuizReport(ann, quizId);
    expect(report).toMatchObject({ correct: 2, answered: 4, total: 4 });
    expect(report!.byTopic).toEqual([
      { title: "Alpha", correct: 1, total: 3 },
      { title: "Beta", correct: 1, total: 1 },
    ]);
    const [choice, ordering, flashcard] = report!.questions;
    expect(choice).toMatchObject({ isCorrect: false, given: ["five"], expected: ["three"] });
    expect(ordering).toMatchObject({
      given: ["second", "first", "third"],
      expected: ["first", "second", "third"],
    });
    expect(flashcard).toMatchObject({ given: [], expected: [], deckTitle: "Beta" });
  });

  it("counts an unanswered question in the total but not as answered, and is nobody else's", async () => {
    const quizId = await createQuiz(ann, [{ cardId: "f1", isCorrect: true }, { cardId: "m1" }]);
    expect(await getQuizReport(ann, quizId)).toMatchObject({ correct: 1, answered: 1, total: 2 });
    expect(await getQuizReport(bob, quizId)).toBeNull();
    expect(await getQuizReport(null, quizId)).toBeNull();
  });
});

describe("listQuizzes", () => {
  it("lists a learner's quizzes newest first, finished when ended, fully answered or out of time", async () => {
    const learner = `guest_${"7".repeat(32)}`;
    await db.user.create({ data: { id: learner, isGuest: true } });
    const open = await createQuiz(learner, [{ cardId: "f1" }], { timeLimitSec: 600 });
    const answered = await createQuiz(learner, [{ cardId: "f1", isCorrect: false }]);
    const ended = await createQuiz(learner, [{ cardId: "f1" }], { finishedAt: now });
    const finished = async (at: Date) =>
      Object.fromEntries((await listQuizzes(learner, at)).map((quiz) => [quiz.id, quiz.isFinished]));
    expect(await finished(minutes(5))).toEqual({ [open]: false, [answered]: true, [ended]: true });
    expect(await finished(minutes(11))).toEqual({ [open]: true, [answered]: true, [ended]: true });
    expect(await listQuizzes(bob, now)).toEqual([]);
  });
});
