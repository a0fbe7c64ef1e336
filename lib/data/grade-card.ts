import "server-only";
import type { Grade } from "@/lib/srs/schedule";
import type { CustomStudy } from "@/lib/validations/custom-study";
import type { GradeInput } from "@/lib/validations/review";
import { checkCardAnswer, unissuedPredictMessage } from "./answers";
import { predictVariantKey, variantSeed } from "./predict-seeds";
import { recordReview } from "./reviews";
import { getStudySettings, type StudySettings } from "./settings";
import type { StudyQueue, StudyQueueOptions } from "./study";

/** The queue after a grade, sent back with it so the next card shows without re-rendering the page. */
export type NextQueue = StudyQueue & { shownAt: number };

/**
 * What a grade action answers: success, or a message the learner can act on. `next`: the card to
 * show now (after a grade, or after finding the card already graded in another tab). `staleCardId`:
 * the card was already graded; the message matters only while it is shown.
 */
export type GradeState =
  | { ok: true; notice?: string; next?: NextQueue }
  | { ok: false; staleCardId?: string; message: string; next?: NextQueue }
  | null;

/** Where the card after a grade comes from: the deck (app/study) or a selection (app/browse/study). */
export type NextQueueFor = (input: {
  learnerId: string;
  deckId: string;
  settings: StudySettings;
  options: StudyQueueOptions;
}) => Promise<NextQueue>;

/**
 * Grades a card and sends the next card back with the grade, from `nextQueue`: a session asks only
 * its own queue for it, never the deck's as well. A checked question is graded on what the server
 * finds, whatever the page claims, and a predict answer only for the variant this learner was shown.
 * `shownDeckId` is the deck the page showed, for the next card when the grade was already recorded.
 */
export async function gradeCard(
  input: { learnerId: string; grade: GradeInput; custom: CustomStudy | undefined; shownDeckId: string; now: Date },
  nextQueue: NextQueueFor,
): Promise<GradeState> {
  const { learnerId, custom } = input;
  const { answer, rating, ...review } = input.grade;
  if (
    answer?.kind === "predict" &&
    answer.seed !== variantSeed(predictVariantKey(learnerId, review.cardId, review.version))
  ) {
    return { ok: false, message: unissuedPredictMessage };
  }
  const checked = answer ? await checkCardAnswer(learnerId, review.cardId, answer) : undefined;
  if (checked && !checked.ok) return { ok: false, message: checked.message };
  const settings = await getStudySettings(learnerId);
  const result = await recordReview({
    learnerId,
    ...review,
    rating: rating as Grade,
    now: input.now,
    settings,
    answer,
    isCorrect: checked?.isCorrect,
    variantSeed: answer?.kind === "predict" ? answer.seed : undefined,
  });
  if (!result.ok) {
    if (result.code !== "already-graded") return { ok: false, message: result.message };
    // Show this tab what the other tab (or the first click) did.
    const deckId = input.shownDeckId;
    return {
      ok: false,
      staleCardId: review.cardId,
      message: result.message,
      next: deckId ? await nextQueue({ learnerId, deckId, settings, options: { custom } }) : undefined,
    };
  }
  const next = await nextQueue({
    learnerId,
    deckId: result.deckId,
    settings,
    options: { justGradedId: review.cardId, custom },
  });
  if (!result.becameLeech) return { ok: true, next };
  const leech = "That card is a leech: it has failed too often";
  return { ok: true, next, notice: result.isSuspended ? `${leech}, so it was suspended.` : `${leech}.` };
}
