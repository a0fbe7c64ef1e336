import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { readKeyPoints } from "@/lib/interview/sections";
import { interviewStep, type InterviewStep } from "@/lib/interview/steps";
import { finishQuiz, isPastDeadline } from "./quiz-play";
import { visibleCardWhere } from "./visibility";

// One mock interview question as its steps read and write it: only ever the learner's own
// (the quiz's userId is part of every lookup), with the step it waits for.

export const alreadyTakenMessage =
  "This step was already answered (a second click or another tab); nothing was recorded twice.";

const indicesSchema = z.array(z.number().int());

/** A stored JSON list of key point indices (written by our own steps). */
export function readIndices(value: unknown): number[] {
  return value === null || value === undefined ? [] : indicesSchema.parse(value);
}

async function loadInterviewQuestion(learnerId: string, quizId: string, position: number) {
  const question = await db.quizQuestion.findFirst({
    where: { quizId, position, quiz: { userId: learnerId, mode: "interview" } },
    select: {
      id: true,
      cardId: true,
      answeredAt: true,
      quiz: { select: { startedAt: true, timeLimitSec: true, finishedAt: true } },
      card: { select: { deckId: true, keyPoints: true, followUps: true } },
      interview: true,
    },
  });
  if (!question) return null;
  return { ...question, keyPoints: readKeyPoints(question.card.keyPoints), step: interviewStep(question) };
}

export type InterviewQuestion = NonNullable<Awaited<ReturnType<typeof loadInterviewQuestion>>>;

/**
 * The learner's interview question at `position` when its `step` can be taken now, or why not: there is no such
 * question, another step is due, the interview is over, or its time is up (which ends it). `refuseInput` adds the
 * step's own check of what was submitted against the question.
 */
export async function questionForStep(
  input: { learnerId: string; quizId: string; position: number; now: Date },
  step: InterviewStep,
  refuseInput: (question: InterviewQuestion) => string | null = () => null,
): Promise<{ ok: true; question: InterviewQuestion } | { ok: false; message: string }> {
  const question = await loadInterviewQuestion(input.learnerId, input.quizId, input.position);
  if (!question) return { ok: false, message: "There is no such interview question." };
  const refusal = (await refuseNow(input, question, step)) ?? refuseInput(question);
  return refusal ? { ok: false, message: refusal } : { ok: true, question };
}

async function refuseNow(
  input: { learnerId: string; quizId: string; now: Date },
  question: InterviewQuestion,
  step: InterviewStep,
): Promise<string | null> {
  const { quiz } = question;
  if (quiz.finishedAt) return "This interview is over; its report has every answer.";
  if (isPastDeadline(quiz, input.now)) {
    await finishQuiz(input.learnerId, input.quizId, input.now);
    return "Time is up: the interview is over.";
  }
  return question.step === step ? null : alreadyTakenMessage;
}

/** A tick that names no key point of the card, or null when every tick names one. */
export function refuseTicks(ticks: number[], keyPointCount: number): string | null {
  const stray = ticks.find((tick) => tick >= keyPointCount);
  return stray === undefined ? null : `There is no key point ${stray + 1}: this card has ${keyPointCount}.`;
}

/**
 * The follow-up the interviewer asks: the first that links a card with key points the learner can
 * see (so their answer can be checked against it), else the first one; null when there is none.
 */
export async function chooseFollowUp(learnerId: string, followUps: { html: string; cardId?: string }[]) {
  const linkedIds = followUps.flatMap((followUp) => (followUp.cardId ? [followUp.cardId] : []));
  const linked = await db.card.findMany({
    where: { id: { in: linkedIds }, sayItHtml: { not: null }, ...visibleCardWhere(learnerId) },
    select: { id: true, keyPoints: true },
  });
  const pointsOf = new Map(linked.map((card) => [card.id, readKeyPoints(card.keyPoints).length]));
  const chosen =
    followUps.find((followUp) => followUp.cardId && (pointsOf.get(followUp.cardId) ?? 0) > 0) ?? followUps[0];
  if (!chosen) return null;
  const pointCount = chosen.cardId ? (pointsOf.get(chosen.cardId) ?? 0) : 0;
  return { questionHtml: chosen.html, cardId: pointCount > 0 ? chosen.cardId! : null, pointCount };
}
