import { type z } from "zod";
import { clock } from "@/lib/clock";
import { checkCardAnswer } from "@/lib/data/answers";
import { getLearnerId } from "@/lib/data/learners";
import { predictVariantKey, variantSeed } from "@/lib/data/predict-seeds";
import { recordReview } from "@/lib/data/reviews";
import { getStudySettings, type StudySettings } from "@/lib/data/settings";
import type { StudyQueueOptions } from "@/lib/data/study";
import type { Grade } from "@/lib/srs/schedule";
import { parseCustomStudy } from "@/lib/validations/custom-study";
import { formDataOrEmpty } from "@/lib/validations/form-data";
import { firstErrorMessage, noLearnerMessage } from "@/lib/validations/messages";
import { reviewInputSchema, type GradeState, type NextQueue } from "@/lib/validations/review";

export const firstError = (error: z.ZodError) =>
  firstErrorMessage(error, "That request could not be read; reload and try again.");

/** Where the card after a grade comes from: the deck (submitGrade) or a selection (app/browse/study). */
export type NextQueueFor = (input: {
  learnerId: string;
  deckId: string;
  settings: StudySettings;
  options: StudyQueueOptions;
}) => Promise<NextQueue>;

/**
 * Grades a card (the checks, then one review) and sends the next card back with the grade, from
 * `nextQueue`: a session asks only its own queue for it, never the deck's as well.
 */
export async function gradeCard(submitted: unknown, nextQueue: NextQueueFor): Promise<GradeState> {
  const formData = formDataOrEmpty(submitted);
  const learnerId = await getLearnerId();
  if (!learnerId) return { ok: false, message: noLearnerMessage };
  const fields = Object.fromEntries(formData);
  const parsed = reviewInputSchema.safeParse(fields);
  if (!parsed.success) return { ok: false, message: firstError(parsed.error) };
  const custom = parseCustomStudy(fields);
  if (!custom.success) return { ok: false, message: firstError(custom.error) };
  const { answer, rating, ...review } = parsed.data;
  if (
    answer?.kind === "predict" &&
    answer.seed !== variantSeed(predictVariantKey(learnerId, review.cardId, review.version))
  ) {
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
    return {
      ok: false,
      staleCardId: review.cardId,
      message: result.message,
      next: deckId ? await nextQueue({ learnerId, deckId, settings, options: { custom: custom.data } }) : undefined,
    };
  }
  // The next card goes back with the grade: the page itself need not be rendered again.
  const next = await nextQueue({
    learnerId,
    deckId: result.deckId,
    settings,
    options: { justGradedId: review.cardId, custom: custom.data },
  });
  if (result.becameLeech) {
    return {
      ok: true,
      next,
      notice: result.isSuspended
        ? "That card is a leech: it has failed too often, so it was suspended."
        : "That card is a leech: it has failed too often.",
    };
  }
  return { ok: true, next };
}
