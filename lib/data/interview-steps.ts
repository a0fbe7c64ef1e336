import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { serializableTransaction } from "@/lib/database/serializable-transaction";
import { db } from "@/lib/db";
import { hintKeyPoints } from "@/lib/interview/keyword-hint";
import { readFollowUps, readKeyPoints } from "@/lib/interview/sections";
import { ratingForCoverage } from "@/lib/interview/steps";
import {
  alreadyTakenMessage,
  chooseFollowUp,
  questionForStep,
  readIndices,
  refuseTicks,
  type InterviewQuestion,
} from "./interview-question";
import { recordReviewInTransaction } from "./reviews";
import type { StudySettings } from "./settings";

// The writes of a mock interview question, one per step (lib/interview/steps.ts): each is taken
// once, guarded by the step before it, and the last one also ends the question and records its
// review, in one transaction: a double submit, a stale tab or a race writes nothing.

/** isFinished: this step ended the interview's last question. */
export type StepResult = { ok: true; isFinished: boolean } | { ok: false; message: string };

type StepInput = { learnerId: string; quizId: string; position: number; now: Date };
type TicksInput = StepInput & { ticks: number[]; settings: StudySettings };

/** Rolls a transaction back when the step was taken meanwhile. */
class StepTaken extends Error {}

async function inTransaction(write: (tx: Prisma.TransactionClient) => Promise<boolean>): Promise<StepResult> {
  try {
    return { ok: true, isFinished: await serializableTransaction(db, write) };
  } catch (error) {
    if (error instanceof StepTaken || (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002"))
      return { ok: false, message: alreadyTakenMessage };
    throw error;
  }
}

/** Step 1: the typed answer (null: skipped), with the keyword hint computed from it. */
export async function submitTypedAnswer(input: StepInput & { text: string | null }): Promise<StepResult> {
  const found = await questionForStep(input, "answer");
  if (!found.ok) return found;
  const { question } = found;
  const pointTexts = question.keyPoints.map((point) => point.text);
  const hinted = input.text === null ? [] : hintKeyPoints(input.text, pointTexts);
  return inTransaction(async (tx) => {
    await tx.interviewAnswer.create({
      data: { quizQuestionId: question.id, answerText: input.text, answeredAt: input.now, hinted },
    });
    return false;
  });
}

/** Step 2: the key points ticked; the interviewer's follow-up is chosen now (none: the question ends). */
export async function submitKeyPointTicks(input: TicksInput): Promise<StepResult> {
  const found = await questionForStep(input, "tick", (question) => refuseTicks(input.ticks, question.keyPoints.length));
  if (!found.ok) return found;
  const { question } = found;
  const followUp = await chooseFollowUp(input.learnerId, readFollowUps(question.card.followUps));
  return inTransaction(async (tx) => {
    const { count } = await tx.interviewAnswer.updateMany({
      where: { quizQuestionId: question.id, tickedAt: null },
      data: {
        ticked: input.ticks,
        keyPointCount: question.keyPoints.length,
        tickedAt: input.now,
        followUpQuestion: followUp?.questionHtml ?? null,
        followUpCardId: followUp?.cardId ?? null,
        followUpPointCount: followUp?.pointCount ?? 0,
      },
    });
    if (count !== 1) throw new StepTaken();
    return followUp ? false : endQuestion(tx, question, input);
  });
}

/**
 * Step 3: the typed answer to the follow-up (or a skip); it ends the question unless there are follow-up key points to
 * tick.
 */
export async function submitFollowUpAnswer(
  input: StepInput & { text: string | null; settings: StudySettings },
): Promise<StepResult> {
  const found = await questionForStep(input, "follow-up");
  if (!found.ok) return found;
  const { question } = found;
  const linkedCardId = question.interview!.followUpCardId;
  const linked = linkedCardId
    ? await db.card.findUnique({ where: { id: linkedCardId }, select: { keyPoints: true } })
    : null;
  const pointTexts = readKeyPoints(linked?.keyPoints).map((point) => point.text);
  const hinted = input.text === null ? [] : hintKeyPoints(input.text, pointTexts);
  return inTransaction(async (tx) => {
    const { count } = await tx.interviewAnswer.updateMany({
      where: { quizQuestionId: question.id, followUpAnsweredAt: null },
      data: { followUpText: input.text, followUpAnsweredAt: input.now, followUpHinted: hinted },
    });
    if (count !== 1) throw new StepTaken();
    // A skipped follow-up has nothing to tick: its card's key points count as missed.
    const hasTicks = input.text !== null && (question.interview!.followUpPointCount ?? 0) > 0;
    return hasTicks ? false : endQuestion(tx, question, input);
  });
}

/** Step 4: the follow-up card's key points ticked; the question ends. */
export async function submitFollowUpTicks(input: TicksInput): Promise<StepResult> {
  const found = await questionForStep(input, "follow-up-tick", (question) =>
    refuseTicks(input.ticks, question.interview!.followUpPointCount ?? 0),
  );
  if (!found.ok) return found;
  const { question } = found;
  return inTransaction(async (tx) => {
    await tx.interviewAnswer.update({ where: { quizQuestionId: question.id }, data: { followUpTicked: input.ticks } });
    return endQuestion(tx, question, input);
  });
}

/**
 * Ends a question: its answeredAt (the guard: only one request ends it), whether every key point
 * was covered, and the review its coverage earns (ratingForCoverage). The last question ends the interview.
 */
async function endQuestion(
  tx: Prisma.TransactionClient,
  question: InterviewQuestion,
  input: StepInput & { settings: StudySettings },
): Promise<boolean> {
  const stored = await tx.interviewAnswer.findUniqueOrThrow({
    where: { quizQuestionId: question.id },
    select: { answerText: true, ticked: true },
  });
  const covered = readIndices(stored.ticked).length;
  const total = question.keyPoints.length;
  const rating = ratingForCoverage({ isSkipped: stored.answerText === null, covered, total });
  const isCorrect = stored.answerText !== null && covered >= total;
  const { count } = await tx.quizQuestion.updateMany({
    where: { id: question.id, answeredAt: null },
    data: { answeredAt: input.now, rating, isCorrect },
  });
  if (count !== 1) throw new StepTaken();
  const state = await tx.cardState.findUnique({
    where: { userId_cardId: { userId: input.learnerId, cardId: question.cardId } },
    select: { version: true },
  });
  const review = {
    learnerId: input.learnerId,
    cardId: question.cardId,
    rating,
    version: state?.version ?? 0,
    now: input.now,
    settings: input.settings,
    source: "quiz" as const,
    isCorrect,
  };
  const result = await recordReviewInTransaction(tx, review, question.card.deckId);
  if (!result.ok) throw new StepTaken();
  const remaining = await tx.quizQuestion.count({ where: { quizId: input.quizId, answeredAt: null } });
  if (remaining === 0) await tx.quiz.update({ where: { id: input.quizId }, data: { finishedAt: input.now } });
  return remaining === 0;
}
