"use server";

import { revalidatePath } from "next/cache";
import { createOwnDeck, deleteOwnDeck, renameOwnDeck } from "@/lib/data/own-decks";
import type { FormMessageState } from "@/lib/validations/messages";
import { deckIdSchema, deckTitleInputSchema } from "@/lib/validations/own-cards";
import { readLearnerForm } from "@/app/_lib/learner-form";

function revalidateDecks() {
  revalidatePath("/browse/decks");
  revalidatePath("/browse");
  revalidatePath("/");
}

export async function createDeck(_previous: FormMessageState, submitted: unknown): Promise<FormMessageState> {
  const form = await readLearnerForm(submitted, deckTitleInputSchema, "Give the deck a name.");
  if (!form.ok) return form;
  const result = await createOwnDeck(form.learnerId, form.data.title);
  if (!result.ok) return result;
  revalidateDecks();
  return { ok: true, message: `Created “${form.data.title}”.` };
}

export async function renameDeck(_previous: FormMessageState, submitted: unknown): Promise<FormMessageState> {
  const form = await readLearnerForm(submitted, deckIdSchema.and(deckTitleInputSchema), "Give the deck a name.");
  if (!form.ok) return form;
  const result = await renameOwnDeck(form.learnerId, form.data.deckId, form.data.title);
  if (!result.ok) return result;
  revalidateDecks();
  revalidatePath(`/study/${result.deckId}`);
  return { ok: true, message: `Renamed to “${form.data.title}”.` };
}

export async function deleteDeck(_previous: FormMessageState, submitted: unknown): Promise<FormMessageState> {
  const form = await readLearnerForm(submitted, deckIdSchema, "Missing deck id.");
  if (!form.ok) return form;
  const result = await deleteOwnDeck(form.learnerId, form.data.deckId);
  if (!result.ok) return result;
  revalidateDecks();
  return { ok: true, message: "Deck deleted." };
}
