"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { checkMarkdownStructure } from "@/lib/content/markdown-structure";
import { renderMarkdown } from "@/lib/content/markdown";
import { getLearnerId } from "@/lib/data/learners";
import { createOwnCard, deleteOwnCard, updateOwnCard } from "@/lib/data/own-cards";
import { formDataOrEmpty } from "@/lib/validations/form-data";
import { firstErrorMessage, noLearnerMessage } from "@/lib/validations/messages";
import { cardIdSchema, cardSideCharsMax, ownCardInputSchema } from "@/lib/validations/own-cards";

export type CardFormState = { ok: false; message: string; fieldErrors?: Record<string, string[] | undefined> } | null;

function revalidateCards(deckId: string) {
  revalidatePath("/browse");
  revalidatePath(`/study/${deckId}`);
  revalidatePath("/");
}

/** Creates a card in one of the learner's decks, or rewrites one of theirs (when the form names a card). */
export async function saveCard(_previous: CardFormState, submitted: unknown): Promise<CardFormState> {
  const formData = formDataOrEmpty(submitted);
  const learnerId = await getLearnerId();
  if (!learnerId) return { ok: false, message: noLearnerMessage };
  const parsed = ownCardInputSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success)
    return {
      ok: false,
      message: firstErrorMessage(parsed.error, "Check the card's fields."),
      fieldErrors: z.flattenError(parsed.error).fieldErrors,
    };
  const cardId = formData.get("cardId");
  const result =
    typeof cardId === "string" && cardId
      ? await updateOwnCard(learnerId, cardId, parsed.data)
      : await createOwnCard(learnerId, parsed.data);
  if (!result.ok) return result;
  revalidateCards(result.deckId);
  redirect(`/cards/${result.cardId}`);
}

export async function deleteCard(_previous: CardFormState, submitted: unknown): Promise<CardFormState> {
  const learnerId = await getLearnerId();
  if (!learnerId) return { ok: false, message: noLearnerMessage };
  const parsed = cardIdSchema.safeParse(Object.fromEntries(formDataOrEmpty(submitted)));
  if (!parsed.success) return { ok: false, message: firstErrorMessage(parsed.error, "Missing card id.") };
  const result = await deleteOwnCard(learnerId, parsed.data.cardId);
  if (!result.ok) return result;
  revalidateCards(result.deckId);
  redirect("/browse");
}

export type PreviewResult = { ok: true; html: string } | { ok: false; message: string };

const previewInputSchema = z
  .string()
  .max(cardSideCharsMax, `A side is at most ${cardSideCharsMax.toLocaleString("en-US")} characters.`);

/** The HTML a side will be saved as: rendered and sanitised exactly as when the card is saved. */
export async function previewCardMarkdown(markdown: unknown): Promise<PreviewResult> {
  const parsed = previewInputSchema.safeParse(markdown);
  if (!parsed.success) return { ok: false, message: firstErrorMessage(parsed.error, "That text cannot be previewed.") };
  const check = checkMarkdownStructure(parsed.data);
  if (!check.ok) return check;
  return { ok: true, html: await renderMarkdown(parsed.data) };
}
