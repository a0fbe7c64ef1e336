"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { type z } from "zod";
import { clock } from "@/lib/clock";
import { checkCardAnswer, type CheckedAnswer } from "@/lib/data/answers";
import { setCardFlag } from "@/lib/data/card-flags";
import { getLearnerId } from "@/lib/data/learners";
import { predictVariantKey, variantSeed } from "@/lib/data/predict-seeds";
import { recordReview } from "@/lib/data/reviews";
import { getStudySettings, type StudySettings } from "@/lib/data/settings";
import { getStudyQueue, type StudyQueueOptions } from "@/lib/data/study";
import { undoLastReview } from "@/lib/data/undo";
import type { Grade } from "@/lib/srs/schedule";
import { firstErrorMessage, noLearnerMessage } from "@/lib/validations/messages";
import { cardFlagInputSchema, checkInputSchema, reviewInputSchema, type GradeState, type NextQueue } from "@/lib/validations/review";
import { parseCustomStudy } from "@/lib/validations/custom-study";
import { formDataOrEmpty } from "@/lib/validations/form-data";

const firstError = (error: z.ZodError) => firstErrorMessage(error, "That request could not be read; reload and try again.");

async function nextQueue(learnerId: string, deckId: string, settings: StudySettings, options: StudyQueueOptions = {}): Promise<NextQueue> {
  const now = clock.now();
  return { ...(await getStudyQueue(learnerId, deckId, now, settings, options)), shownAt: now.getTime() };
}

function revalidateStudy(deckId: string) {
  revalidatePath(`/study/${deckId}`);
  revalidatePath("/");
}

export async function submitGrade(_previous: GradeState, submitted: unknown): Promise<GradeState> {
  const formData = formDataOrEmpty(submitted);
  const learnerId = await getLearnerId();
  if (!learnerId) return { ok: false, message: noLearnerMessage };
  const fields = Object.fromEntries(formData);
  const parsed = reviewInputSchema.safeParse(fields);
  if (!parsed.success) return { ok: false, message: firstError(parsed.error) };
  const custom = parseCustomStudy(fields);
  if (!custom.success) return { ok: false, message: firstError(custom.error) };
  const { answer, rating, ...review } = parsed.data;
  if (answer?.kind === "predict" && answer.seed !== variantSeed(predictVariantKey(learnerId, review.cardId, review.version))) {
    return { ok: false, message: "That is not the question you were shown; reload the page." };
  }
  // A checked question is graded on what the server finds, whatever the page claims.
  const checked = answer ? await checkCardAnswer(learnerId, review.cardId, answer) : undefined;
  if (checked && !checked.ok) return { ok: false, message: checked.message };
  const settings = await getStudySettings(learnerId);
  const result = await recordReview({
    learnerId,
    ...review,
    rating: rating as Grade,
    now: clock.now(),
    settings,
    answer,
    isCorrect: checked?.isCorrect,
    variantSeed: answer?.kind === "predict" ? answer.seed : undefined,
  });
  if (!result.ok) {
    if (result.code !== "already-graded") return { ok: false, message: result.message };
    // Show this tab what the other tab (or the first click) did.
    const deckId = String(formData.get("deckId") ?? "");
    return { ok: false, staleCardId: review.cardId, message: result.message, next: deckId ? await nextQueue(learnerId, deckId, settings, { custom: custom.data }) : undefined };
  }
  // The next card goes back with the grade: the page itself need not be rendered again.
  const next = await nextQueue(learnerId, result.deckId, settings, { justGradedId: review.cardId, custom: custom.data });
  if (result.becameLeech) {
    return { ok: true, next, notice: result.isSuspended ? "That card is a leech: it has failed too often, so it was suspended." : "That card is a leech: it has failed too often." };
  }
  return { ok: true, next };
}

/** Checks an answer to a multiple-choice or ordering card and returns the explanation. */
export async function checkStudyAnswer(input: unknown): Promise<CheckedAnswer> {
  const parsed = checkInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: firstError(parsed.error) };
  return checkCardAnswer(await getLearnerId(), parsed.data.cardId, parsed.data.answer);
}

export async function undoGrade(): Promise<{ ok: false; message: string }> {
  const learnerId = await getLearnerId();
  if (!learnerId) return { ok: false, message: noLearnerMessage };
  const result = await undoLastReview(learnerId, clock.now());
  if (!result.ok) return result;
  revalidateStudy(result.deckId);
  redirect(`/study/${result.deckId}?card=${encodeURIComponent(result.cardId)}&v=${result.version}`);
}

export async function flagCard(input: unknown): Promise<{ ok: boolean; message?: string }> {
  const learnerId = await getLearnerId();
  if (!learnerId) return { ok: false, message: noLearnerMessage };
  const parsed = cardFlagInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: firstError(parsed.error) };
  const settings = await getStudySettings(learnerId);
  const result = await setCardFlag({ learnerId, ...parsed.data, now: clock.now(), settings });
  if (!result.ok) return result;
  revalidateStudy(result.deckId);
  return { ok: true };
}
