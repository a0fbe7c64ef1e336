import "server-only";
import { clock } from "@/lib/clock";
import { db } from "@/lib/db";
import { answerSchema, choiceDetailsSchema, orderingDetailsSchema } from "@/lib/study/questions";
import type { QuizMode } from "@/lib/validations/quiz";
import { cardReplayHref } from "./cards";
import { getPredictQuestion, isGeneratorKind } from "./predict";

export type ReportQuestion = {
  position: number;
  cardId: string;
  deckTitle: string;
  promptHtml: string;
  answerHtml: string;
  isCorrect: boolean | null;
  rating: number | null;
  /** What the learner chose, as HTML fragments (choices picked, or their order of steps). */
  given: string[];
  /** The right choices, or the steps in the right order; empty for flashcards. */
  expected: string[];
  replayHref: string | null;
};

export type QuizReport = {
  id: string;
  mode: QuizMode;
  startedAt: Date;
  finishedAt: Date | null;
  timeLimitSec: number | null;
  correct: number;
  answered: number;
  total: number;
  byTopic: { title: string; correct: number; total: number }[];
  questions: ReportQuestion[];
};

/** The report of a learner's finished quiz: score, score per topic (deck), and every question with its explanation. */
export async function getQuizReport(learnerId: string | null, quizId: string): Promise<QuizReport | null> {
  if (!learnerId) return null;
  const quiz = await db.quiz.findFirst({
    where: { id: quizId, userId: learnerId },
    include: {
      questions: {
        orderBy: { position: "asc" },
        include: {
          card: {
            select: {
              id: true,
              type: true,
              details: true,
              promptHtml: true,
              answerHtml: true,
              scenario: true,
              scenarioParams: true,
              scenarioClaim: true,
              deck: { select: { title: true } },
            },
          },
        },
      },
    },
  });
  if (!quiz) return null;
  const questions = await Promise.all(
    quiz.questions.map(async (question): Promise<ReportQuestion> => {
      const base = {
        position: question.position,
        cardId: question.cardId,
        deckTitle: question.card.deck.title,
        isCorrect: question.isCorrect,
        rating: question.rating,
      };
      const predicted = await describePrediction(question.card.details, question.variantSeed, question.answer);
      if (predicted)
        return { ...base, ...predicted, answerHtml: `${predicted.answerHtml}\n${question.card.answerHtml}` };
      return {
        ...base,
        promptHtml: question.card.promptHtml,
        answerHtml: question.card.answerHtml,
        ...describeAnswer(question.card.type, question.card.details, question.answer),
        replayHref: cardReplayHref(question.card),
      };
    }),
  );
  const topics = new Map<string, { title: string; correct: number; total: number }>();
  for (const question of questions) {
    const topic = topics.get(question.deckTitle) ?? { title: question.deckTitle, correct: 0, total: 0 };
    topic.total++;
    if (question.isCorrect) topic.correct++;
    topics.set(question.deckTitle, topic);
  }
  return {
    id: quiz.id,
    mode: quiz.mode as QuizMode,
    startedAt: quiz.startedAt,
    finishedAt: quiz.finishedAt,
    timeLimitSec: quiz.timeLimitSec,
    correct: questions.filter((q) => q.isCorrect).length,
    answered: questions.filter((q) => q.isCorrect !== null).length,
    total: questions.length,
    byTopic: [...topics.values()],
    questions,
  };
}

/** A predict question as it was asked (its generated variant), what was predicted, and what happened. */
async function describePrediction(details: unknown, variantSeed: number | null, answer: unknown) {
  const generator = (details as { generator?: unknown } | null)?.generator;
  if (!isGeneratorKind(generator) || variantSeed === null) return null;
  const outcome = await getPredictQuestion(generator, variantSeed);
  if (!outcome.ok) return null;
  const question = outcome.value;
  const parsed = answerSchema.safeParse(answer);
  const html = (id: string) => question.choices.find((choice) => choice.id === id)?.html ?? "";
  return {
    promptHtml: question.promptHtml,
    given: parsed.success && parsed.data.kind === "predict" ? [html(parsed.data.choice)] : [],
    expected: [html(question.answer)],
    answerHtml: question.explanationHtml,
    replayHref: question.replayHref,
  };
}

function describeAnswer(type: string, details: unknown, answer: unknown): { given: string[]; expected: string[] } {
  const parsed = answerSchema.safeParse(answer);
  if (type === "multiple-choice") {
    const { choices } = choiceDetailsSchema.parse(details);
    const given =
      parsed.success && parsed.data.kind === "multiple-choice"
        ? parsed.data.choices.map((id) => choices[id]?.html ?? "")
        : [];
    return { given, expected: choices.filter((choice) => choice.correct).map((choice) => choice.html) };
  }
  if (type === "ordering") {
    const { steps } = orderingDetailsSchema.parse(details);
    const given =
      parsed.success && parsed.data.kind === "ordering" ? parsed.data.order.map((id) => steps[id]?.html ?? "") : [];
    return { given, expected: steps.map((step) => step.html) };
  }
  return { given: [], expected: [] };
}

export type QuizSummary = {
  id: string;
  mode: QuizMode;
  startedAt: Date;
  isFinished: boolean;
  correct: number;
  total: number;
};

/** A learner's quizzes, newest first; an interview whose time is up counts as finished. */
export async function listQuizzes(learnerId: string | null, now = clock.now()): Promise<QuizSummary[]> {
  if (!learnerId) return [];
  const quizzes = await db.quiz.findMany({
    where: { userId: learnerId },
    orderBy: { startedAt: "desc" },
    take: 20,
    select: {
      id: true,
      mode: true,
      startedAt: true,
      finishedAt: true,
      timeLimitSec: true,
      questions: { select: { isCorrect: true, answeredAt: true } },
    },
  });
  return quizzes.map((quiz) => ({
    id: quiz.id,
    mode: quiz.mode as QuizMode,
    startedAt: quiz.startedAt,
    isFinished:
      quiz.finishedAt !== null ||
      quiz.questions.every((q) => q.answeredAt) ||
      (quiz.timeLimitSec !== null && now.getTime() > quiz.startedAt.getTime() + quiz.timeLimitSec * 1000),
    correct: quiz.questions.filter((q) => q.isCorrect).length,
    total: quiz.questions.length,
  }));
}
