"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getLearnerId } from "@/lib/data/learners";
import { createOwnCard, previewCardSide, type PreviewResult } from "@/lib/data/own-cards";
import { firstErrorMessage, noLearnerMessage } from "@/lib/validations/messages";
import { cardSideSchema, readOwnCardForm, type CardFormState } from "@/lib/validations/own-cards";

// A new card changes what the browser, its deck's study page and the home page's counts show.

/** Creates a card in one of the learner's decks. */
export async function saveCard(_previous: CardFormState, submitted: unknown): Promise<CardFormState> {
  const learnerId = await getLearnerId();
  if (!learnerId) return { ok: false, message: noLearnerMessage };
  const form = readOwnCardForm(submitted);
  if (!form.ok) return form;
  const result = await createOwnCard(learnerId, form.card);
  if (!result.ok) return result;
  revalidatePath("/", "layout");
  redirect(`/cards/${result.cardId}`);
}

export async function previewCardMarkdown(markdown: unknown): Promise<PreviewResult> {
  const parsed = cardSideSchema.safeParse(markdown);
  if (!parsed.success) return { ok: false, message: firstErrorMessage(parsed.error, "That text cannot be previewed.") };
  return previewCardSide(parsed.data);
}
