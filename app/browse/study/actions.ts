"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { clock } from "@/lib/clock";
import { checkCardAnswer, type CheckedAnswer } from "@/lib/data/answers";
import { setCardFlag } from "@/lib/data/card-flags";
import { gradeCard, type GradeState } from "@/lib/data/grade-card";
import { getLearnerId } from "@/lib/data/learners";
import { getSelectionQueue } from "@/lib/data/selection-study";
import { getStudySettings } from "@/lib/data/settings";
import { undoLastReview } from "@/lib/data/undo";
import { selectionHref, selectionQuerySchema } from "@/lib/validations/browse";
import { firstErrorMessage, noLearnerMessage } from "@/lib/validations/messages";
import { cardFlagInputSchema, checkInputSchema, readGradeForm, requestErrorMessage } from "@/lib/validations/review";

// A "study these" session grades exactly as a deck session does (lib/data/grade-card.ts: same
// checks, same review); only the next card comes from the selection instead of the deck.

export type SelectionParams = { cards: string; since: string };

export async function submitSelectionGrade(
  selection: SelectionParams,
  _previous: GradeState,
  submitted: unknown,
): Promise<GradeState> {
  const parsed = selectionQuerySchema.safeParse(selection);
  if (!parsed.success)
    return {
      ok: false,
      message: firstErrorMessage(parsed.error, "This study link is incomplete; start again from the browser."),
    };
  const learnerId = await getLearnerId();
  if (!learnerId) return { ok: false, message: noLearnerMessage };
  const form = readGradeForm(submitted);
  if (!form.ok) return form;
  const { cards: cardIds, since } = parsed.data;
  return gradeCard({ learnerId, ...form, now: clock.now() }, async ({ settings }) => {
    const now = clock.now();
    return {
      ...(await getSelectionQueue(learnerId, { cardIds, since: new Date(since) }, now, settings)),
      shownAt: now.getTime(),
    };
  });
}

/** Checks an answer to a multiple-choice or ordering card and returns the explanation. */
export async function checkSelectionAnswer(input: unknown): Promise<CheckedAnswer> {
  const parsed = checkInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: requestErrorMessage(parsed.error) };
  return checkCardAnswer(await getLearnerId(), parsed.data.cardId, parsed.data.answer);
}

export async function undoSelectionGrade(selection: SelectionParams): Promise<{ ok: false; message: string }> {
  const parsed = selectionQuerySchema.safeParse(selection);
  if (!parsed.success) return { ok: false, message: firstErrorMessage(parsed.error, "This study link is incomplete.") };
  const learnerId = await getLearnerId();
  if (!learnerId) return { ok: false, message: noLearnerMessage };
  const result = await undoLastReview(learnerId, clock.now());
  if (!result.ok) return result;
  revalidatePath("/browse/study");
  redirect(selectionHref(parsed.data.cards, new Date(parsed.data.since)));
}

/** Bury or suspend from the session: this page is drawn again without the card, and so is the card's deck. */
export async function flagSelectionCard(input: unknown): Promise<{ ok: boolean; message?: string }> {
  const learnerId = await getLearnerId();
  if (!learnerId) return { ok: false, message: noLearnerMessage };
  const parsed = cardFlagInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: requestErrorMessage(parsed.error) };
  const result = await setCardFlag({
    learnerId,
    ...parsed.data,
    now: clock.now(),
    settings: await getStudySettings(learnerId),
  });
  if (!result.ok) return result;
  revalidatePath(`/study/${result.deckId}`);
  revalidatePath("/");
  revalidatePath("/browse/study");
  return { ok: true };
}
