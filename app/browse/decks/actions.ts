"use server";

import { revalidatePath } from "next/cache";
import { getLearnerId } from "@/lib/data/learners";
import { createOwnDeck, deleteOwnDeck, renameOwnDeck } from "@/lib/data/own-decks";
import { formDataOrEmpty } from "@/lib/validations/form-data";
import { firstErrorMessage, noLearnerMessage, type FormMessageState } from "@/lib/validations/messages";
import { deckIdSchema, deckTitleInputSchema } from "@/lib/validations/own-cards";

function revalidateDecks() {
  revalidatePath("/browse/decks");
  revalidatePath("/browse");
  revalidatePath("/");
}

export async function createDeck(_previous: FormMessageState, submitted: unknown): Promise<FormMessageState> {
  const learnerId = await getLearnerId();
  if (!learnerId) return { ok: false, message: noLearnerMessage };
  const parsed = deckTitleInputSchema.safeParse(Object.fromEntries(formDataOrEmpty(submitted)));
  if (!parsed.success) return { ok: false, message: firstErrorMessage(parsed.error, "Give the deck a name.") };
  const result = await createOwnDeck(learnerId, parsed.data.title);
  if (!result.ok) return result;
  revalidateDecks();
  return { ok: true, message: `Created “${parsed.data.title}”.` };
}

export async function renameDeck(_previous: FormMessageState, submitted: unknown): Promise<FormMessageState> {
  const learnerId = await getLearnerId();
  if (!learnerId) return { ok: false, message: noLearnerMessage };
  const fields = Object.fromEntries(formDataOrEmpty(submitted));
  const parsed = deckIdSchema.and(deckTitleInputSchema).safeParse(fields);
  if (!parsed.success) return { ok: false, message: firstErrorMessage(parsed.error, "Give the deck a name.") };
  const result = await renameOwnDeck(learnerId, parsed.data.deckId, parsed.data.title);
  if (!result.ok) return result;
  revalidateDecks();
  revalidatePath(`/study/${result.deckId}`);
  return { ok: true, message: `Renamed to “${parsed.data.title}”.` };
}

export async function deleteDeck(_previous: FormMessageState, submitted: unknown): Promise<FormMessageState> {
  const learnerId = await getLearnerId();
  if (!learnerId) return { ok: false, message: noLearnerMessage };
  const parsed = deckIdSchema.safeParse(Object.fromEntries(formDataOrEmpty(submitted)));
  if (!parsed.success) return { ok: false, message: firstErrorMessage(parsed.error, "Missing deck id.") };
  const result = await deleteOwnDeck(learnerId, parsed.data.deckId);
  if (!result.ok) return result;
  revalidateDecks();
  return { ok: true, message: "Deck deleted." };
}
