"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { deleteOwnCard, updateOwnCard, type PreviewResult } from "@/lib/data/own-cards";
import { cardIdSchema, type CardFormState } from "@/lib/validations/own-cards";
import { readLearnerForm } from "@/app/_lib/learner-form";
import { previewSubmittedSide, saveCardAndShow } from "../../_lib/card-form";

/** Rewrites the learner's card that the form names. */
export async function saveCard(_previous: CardFormState, submitted: unknown): Promise<CardFormState> {
  return saveCardAndShow(submitted, (learnerId, form) => updateOwnCard(learnerId, form.cardId, form.card));
}

export async function deleteCard(_previous: CardFormState, submitted: unknown): Promise<CardFormState> {
  const form = await readLearnerForm(submitted, cardIdSchema, "Missing card id.");
  if (!form.ok) return form;
  const result = await deleteOwnCard(form.learnerId, form.data.cardId);
  if (!result.ok) return result;
  revalidatePath("/", "layout");
  redirect("/browse");
}

export async function previewCardMarkdown(markdown: unknown): Promise<PreviewResult> {
  return previewSubmittedSide(markdown);
}
