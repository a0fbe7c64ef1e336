"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getLearnerId } from "@/lib/data/learners";
import { deleteOwnCard, updateOwnCard, type PreviewResult } from "@/lib/data/own-cards";
import { formDataOrEmpty } from "@/lib/validations/form-data";
import { firstErrorMessage, noLearnerMessage } from "@/lib/validations/messages";
import { cardIdSchema, type CardFormState } from "@/lib/validations/own-cards";
import { previewSubmittedSide, saveCardAndShow } from "../../_lib/card-form";

/** Rewrites the learner's card that the form names. */
export async function saveCard(_previous: CardFormState, submitted: unknown): Promise<CardFormState> {
  return saveCardAndShow(submitted, (learnerId, form) => updateOwnCard(learnerId, form.cardId, form.card));
}

export async function deleteCard(_previous: CardFormState, submitted: unknown): Promise<CardFormState> {
  const learnerId = await getLearnerId();
  if (!learnerId) return { ok: false, message: noLearnerMessage };
  const parsed = cardIdSchema.safeParse(Object.fromEntries(formDataOrEmpty(submitted)));
  if (!parsed.success) return { ok: false, message: firstErrorMessage(parsed.error, "Missing card id.") };
  const result = await deleteOwnCard(learnerId, parsed.data.cardId);
  if (!result.ok) return result;
  revalidatePath("/", "layout");
  redirect("/browse");
}

export async function previewCardMarkdown(markdown: unknown): Promise<PreviewResult> {
  return previewSubmittedSide(markdown);
}
