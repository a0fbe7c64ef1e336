"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { clock } from "@/lib/clock";
import { checkCardAnswer, type CheckedAnswer } from "@/lib/data/answers";
import { setCardFlag } from "@/lib/data/card-flags";
import { gradeCard, type GradeState, type NextQueueFor } from "@/lib/data/grade-card";
import { getLearnerId } from "@/lib/data/learners";
import { getStudySettings } from "@/lib/data/settings";
import { getStudyQueue } from "@/lib/data/study";
import { undoLastReview } from "@/lib/data/undo";
import { noLearnerMessage } from "@/lib/validations/messages";
import { cardFlagInputSchema, checkInputSchema, readGradeForm, requestErrorMessage } from "@/lib/validations/review";

/** The deck's next card, as a grade sends it back. */
const deckQueue: NextQueueFor = async ({ learnerId, deckId, settings, options }) => {
  const now = clock.now();
  return { ...(await getStudyQueue(learnerId, deckId, now, settings, options)), shownAt: now.getTime() };
};

function revalidateStudy(deckId: string) {
  revalidatePath(`/study/${deckId}`);
  revalidatePath("/");
}

export async function submitGrade(_previous: GradeState, submitted: unknown): Promise<GradeState> {
  const learnerId = await getLearnerId();
  if (!learnerId) return { ok: false, message: noLearnerMessage };
  const form = readGradeForm(submitted);
  if (!form.ok) return form;
  return gradeCard({ learnerId, ...form, now: clock.now() }, deckQueue);
}

/** Checks an answer to a multiple-choice or ordering card and returns the explanation. */
export async function checkStudyAnswer(input: unknown): Promise<CheckedAnswer> {
  const parsed = checkInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: requestErrorMessage(parsed.error) };
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
  if (!parsed.success) return { ok: false, message: requestErrorMessage(parsed.error) };
  const settings = await getStudySettings(learnerId);
  const result = await setCardFlag({ learnerId, ...parsed.data, now: clock.now(), settings });
  if (!result.ok) return result;
  revalidateStudy(result.deckId);
  return { ok: true };
}
