"use server";

import { createOwnCard, type PreviewResult } from "@/lib/data/own-cards";
import type { CardFormState } from "@/lib/validations/own-cards";
import { previewSubmittedSide, saveCardAndShow } from "../_lib/card-form";

/** Creates a card in one of the learner's decks. */
export async function saveCard(_previous: CardFormState, submitted: unknown): Promise<CardFormState> {
  return saveCardAndShow(submitted, (learnerId, form) => createOwnCard(learnerId, form.card));
}

export async function previewCardMarkdown(markdown: unknown): Promise<PreviewResult> {
  return previewSubmittedSide(markdown);
}
