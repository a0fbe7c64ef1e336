"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { gradeCard } from "@/app/study/[deckId]/_lib/grade-card";
import { flagCard } from "@/app/study/[deckId]/actions";
import { clock } from "@/lib/clock";
import { getLearnerId } from "@/lib/data/learners";
import { getSelectionQueue } from "@/lib/data/selection-study";
import { undoLastReview } from "@/lib/data/undo";
import { selectionHref, selectionQuerySchema } from "@/lib/validations/browse";
import { firstErrorMessage, noLearnerMessage } from "@/lib/validations/messages";
import type { GradeState } from "@/lib/validations/review";

// A "study these" session grades exactly as a deck session does (gradeCard: same checks, same
// review); only the next card comes from the selection instead of the deck.

type SelectionParams = { cards: string; since: string };

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
  const { cards: cardIds, since } = parsed.data;
  return gradeCard(submitted, async ({ learnerId, settings }) => {
    const now = clock.now();
    return {
      ...(await getSelectionQueue(learnerId, { cardIds, since: new Date(since) }, now, settings)),
      shownAt: now.getTime(),
    };
  });
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

/** Bury or suspend from the session: the deck's action, then this page is drawn again without the card. */
export async function flagSelectionCard(input: unknown): Promise<{ ok: boolean; message?: string }> {
  const result = await flagCard(input);
  if (result.ok) revalidatePath("/browse/study");
  return result;
}
