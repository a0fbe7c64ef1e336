"use server";

import { revalidatePath } from "next/cache";
import { createOwnDeck, deleteOwnDeck, renameOwnDeck } from "@/lib/data/own-decks";
import type { FormMessageState } from "@/lib/validations/messages";
import { deckIdSchema, deckTitleInputSchema } from "@/lib/validations/own-cards";
import { readLearnerForm } from "@/app/_lib/learner-form";

/** A deck write's answer to the form; a successful one has the pages that list decks read again. */
function afterDeckWrite(result: { ok: true } | { ok: false; message: string }, done: string): FormMessageState {
  if (!result.ok) return result;
  revalidatePath("/browse/decks");
  revalidatePath("/browse");
  revalidatePath("/");
  return { ok: true, message: done };
}

export async function createDeck(_previous: FormMessageState, submitted: unknown): Promise<FormMessageState> {
  const form = await readLearnerForm(submitted, deckTitleInputSchema, "Give the deck a name.");
  if (!form.ok) return form;
  return afterDeckWrite(await createOwnDeck(form.learnerId, form.data.title), `Created “${form.data.title}”.`);
}

export async function renameDeck(_previous: FormMessageState, submitted: unknown): Promise<FormMessageState> {
  const form = await readLearnerForm(submitted, deckIdSchema.and(deckTitleInputSchema), "Give the deck a name.");
  if (!form.ok) return form;
  const result = await renameOwnDeck(form.learnerId, form.data.deckId, form.data.title);
  if (result.ok) revalidatePath(`/study/${result.deckId}`);
  return afterDeckWrite(result, `Renamed to “${form.data.title}”.`);
}

export async function deleteDeck(_previous: FormMessageState, submitted: unknown): Promise<FormMessageState> {
  const form = await readLearnerForm(submitted, deckIdSchema, "Missing deck id.");
  if (!form.ok) return form;
  return afterDeckWrite(await deleteOwnDeck(form.learnerId, form.data.deckId), "Deck deleted.");
}
