import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { serializableTransaction } from "@/lib/database/serializable-transaction";
import { db } from "@/lib/db";
import type { Answer } from "@/lib/study/questions";
import type { Grade } from "@/lib/srs/schedule";
import type { QuizMode } from "@/lib/validations/quiz";
import { checkAnswerFor } from "./answers";
import { quizVariantKey, variantSeed } from "./predict-seeds";
import { presentCard, type ShownCard } from "./present-card";
import { recordReviewInTransaction } from "./reviews";
import type { StudySettings } from "./settings";

/** Answers accepted this long after an interview's time is up (the request was on its way). */
const deadlineGraceMs = 5_000;

type TimedQuiz = { startedAt: Date; timeLimitSec: number | null };

/** When a timed quiz (an interview) ends, in epoch ms; null for an untimed quiz. */
function quizEndsAt(quiz: TimedQuiz): number | null {
  return quiz.timeLimitSec ? quiz.startedAt.getTime() + quiz.timeLimitSec * 1000 : null;
}

/** Whether an answer arriving at `now` is too late for a timed quiz, grace included. */
export function isPastDeadline(quiz: TimedQuiz, now: Date): boolean {
  const endsAt = quizEndsAt(quiz);
  return endsAt !== null && now.getTime() > endsAt + deadlineGraceMs;
}

export type QuizView = {
  id: string;
  mode: QuizMode;
  questionCount: number;
  answeredCount: number;
  /**
   * Time left in an interview when the page was rendered (ms; the browser counts down from it, whatever its own clock
   * says), null for untimed quizzes.
   */
  remainingMs: number | null;
  isFinished: boolean;
  current: { position: number; card: ShownCard } | null;
};

/**
 * Where a learner's quiz (of `mode`, when given) stands at `now`: over once finished, fully answered or out of time,
 * else the next question to ask. Null when it does not exist, is someone else's or is of another mode.
 */
export async function getQuizProgress(learnerId: string, quizId: string, now: Date, mode?: QuizMode) {
  const quiz = await db.quiz.findFirst({
    where: { id: quizId, userId: learnerId, mode },
    select: {
      id: true,
      mode: true,
      startedAt: true,
      timeLimitSec: true,
      finishedAt: true,
      questions: { orderBy: { position: "asc" }, select: { id: true, position: true, cardId: true, answeredAt: true } },
    },
  });
  if (!quiz) return null;
  const endsAt = quizEndsAt(quiz);
  const next = quiz.questions.find((question) => !question.answeredAt);
  const isFinished = quiz.finishedAt !== null || !next || (endsAt !== null && now.getTime() > endsAt);
  return {
    id: quiz.id,
    mode: quiz.mode as QuizMode,
    questionCount: quiz.questions.length,
    answeredCount: quiz.questions.filter((question) => question.answeredAt).length,
    remainingMs: endsAt === null ? null : Math.max(0, endsAt - now.getTime()),
    isFinished,
    next: isFinished ? null : (next ?? null),
  };
}

/** A learner's quiz as they play it; null when it does not exist or is someone else's. */
export async function getQuizView(
  learnerId: string | null,
  quizId: string,
  now: Date,
  settings: StudySettings,
): Promise<QuizView | null> {
  const progress = learnerId ? await getQuizProgress(learnerId, quizId, now) : null;
  if (!learnerId || !progress) return null;
  const { next, ...view } = progress;
  if (!next) return { ...view, current: null };
  const memory = await db.cardState.findUnique({
    where: { userId_cardId: { userId: learnerId, cardId: next.cardId } },
  });
  const card = await presentCard({
    cardId: next.cardId,
    learnerId,
    memory,
    queue: memory ? "review" : "new",
    now,
    settings,
    withPreviews: view.mode !== "cram",
    variantKey: quizVariantKey(view.id, next.position),
  });
  return { ...view, current: { position: next.position, card } };
}

type QuizAnswerResult = { ok: true; isFinished: boolean } | { ok: false; message: string };

/**
 * Records the answer to one quiz question, once: the question's answer and, unless cramming, a
 * review that moves the card's schedule, in one transaction. Late answers to an interview whose
 * time is up are refused, and the interview ends.
 */
export async function answerQuizQuestion(input: {
  learnerId: string;
  quizId: string;
  position: number;
  rating: Grade;
  answer?: Answer;
  shownAt?: number;
  now: Date;
  settings: StudySettings;
}): Promise<QuizAnswerResult> {
  const { learnerId, quizId, position, rating, answer, now } = input;
  const quiz = await db.quiz.findFirst({
    where: { id: quizId, userId: learnerId },
    select: {
      mode: true,
      startedAt: true,
      timeLimitSec: true,
      finishedAt: true,
      questions: {
        where: { position },
        select: {
          id: true,
          cardId: true,
          answeredAt: true,
          card: { select: { type: true, details: true, deckId: true } },
        },
      },
    },
  });
  const question = quiz?.questions[0];
  if (!quiz || !question) return { ok: false, message: "There is no such quiz question." };
  if (quiz.finishedAt) return { ok: false, message: "This quiz is over; its report has every answer." };
  if (quiz.mode === "interview")
    return { ok: false, message: "A mock interview is answered step by step: reload the page." };
  if (isPastDeadline(quiz, now)) {
    await finishQuiz(learnerId, quizId, now);
    return { ok: false, message: "Time is up: the interview is over." };
  }
  if (question.answeredAt)
    return { ok: false, message: "This question was already answered; nothing was recorded twice." };
  if (answer?.kind === "predict" && answer.seed !== variantSeed(quizVariantKey(quizId, position))) {
    return { ok: false, message: "That is not the question this quiz asked; reload the page." };
  }
  const checked = answer ? await checkAnswerFor({ ...question.card, answerHtml: "" }, answer) : undefined;
  if (checked && !checked.ok) return checked;
  if (!checked && question.card.type !== "flashcard")
    return { ok: false, message: "Answer the question before grading it." };
  const isCorrect = checked ? checked.isCorrect : rating > 1;

  return serializableTransaction(db, async (tx) => {
    const { count } = await tx.quizQuestion.updateMany({
      where: { id: question.id, answeredAt: null },
      data: {
        answeredAt: now,
        rating: quiz.mode === "cram" ? null : rating,
        isCorrect,
        answer: (answer as Prisma.InputJsonValue | undefined) ?? Prisma.JsonNull,
        variantSeed: answer?.kind === "predict" ? answer.seed : null,
      },
    });
    if (count !== 1)
      return { ok: false, message: "This question was already answered; nothing was recorded twice." } as const;
    if (quiz.mode !== "cram") {
      const state = await tx.cardState.findUnique({
        where: { userId_cardId: { userId: learnerId, cardId: question.cardId } },
        select: { version: true },
      });
      const review = {
        ...input,
        cardId: question.cardId,
        version: state?.version ?? 0,
        source: "quiz" as const,
        answer: answer as Prisma.InputJsonValue | undefined,
        isCorrect: checked?.isCorrect,
        variantSeed: answer?.kind === "predict" ? answer.seed : undefined,
      };
      const result = await recordReviewInTransaction(tx, review, question.card.deckId);
      if (!result.ok) throw new Error(`quiz review not recorded: ${result.message}`);
    }
    const remaining = await tx.quizQuestion.count({ where: { quizId, answeredAt: null } });
    if (remaining === 0) await tx.quiz.update({ where: { id: quizId }, data: { finishedAt: now } });
    return { ok: true, isFinished: remaining === 0 } as const;
  });
}

/** Ends a quiz now (the learner stopped, or the interview's time ran out); unanswered questions stay unanswered. */
export async function finishQuiz(learnerId: string, quizId: string, now: Date): Promise<boolean> {
  const { count } = await db.quiz.updateMany({
    where: { id: quizId, userId: learnerId, finishedAt: null },
    data: { finishedAt: now },
  });
  return count === 1;
}
