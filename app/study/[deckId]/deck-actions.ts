"use server";

import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { clock } from "@/lib/clock";
import { addExtraNewCards, saveDeckLimits } from "@/lib/data/deck-limits";
import { getDeckTitle } from "@/lib/data/decks";
import { ensureGuestLearner, getLearnerId } from "@/lib/data/learners";
import { getStudySettings } from "@/lib/data/settings";
import { deckActionSchema, deckLimitsSchema, extraNewCardsSchema } from "@/lib/validations/deck-limits";
import { formDataOrEmpty } from "@/lib/validations/form-data";
import { firstErrorMessage, noLearnerMessage, type FormMessageState } from "@/lib/validations/messages";

// A deck's own daily limits, and custom study's "more new cards today", from the study page.

const unreadable = "That request could not be read; reload and try again.";

/** The learner, a deck they can study, and the rest of the form read by `schema`; or the message to show. */
async function readDeckForm<T>(submitted: unknown, schema: z.ZodType<T>) {
  const fields = Object.fromEntries(formDataOrEmpty(submitted));
  const learnerId = await getLearnerId();
  if (!learnerId) return { ok: false as const, message: noLearnerMessage };
  const parsed = deckActionSchema.safeParse(fields);
  if (!parsed.success) return { ok: false as const, message: firstErrorMessage(parsed.error, unreadable) };
  const deck = await getDeckTitle(parsed.data.deckId, learnerId);
  if (!deck) return { ok: false as const, message: `There is no deck "${parsed.data.deckId}".` };
  await ensureGuestLearner(learnerId);
  const form = schema.safeParse(fields);
  if (!form.success) return { ok: false as const, message: firstErrorMessage(form.error, unreadable) };
  return { ok: true as const, learnerId, deckId: deck.id, data: form.data };
}

export async function updateDeckLimits(_previous: FormMessageState, submitted: unknown): Promise<FormMessageState> {
  const form = await readDeckForm(submitted, deckLimitsSchema);
  if (!form.ok) return form;
  await saveDeckLimits(form.learnerId, form.deckId, form.data);
  revalidatePath("/", "layout");
  return { ok: true, message: "Saved: this deck's limits apply from now." };
}

export async function studyMoreNewCards(_previous: FormMessageState, submitted: unknown): Promise<FormMessageState> {
  const form = await readDeckForm(submitted, extraNewCardsSchema);
  if (!form.ok) return form;
  const { count } = form.data;
  await addExtraNewCards(form.learnerId, form.deckId, count, clock.now(), await getStudySettings(form.learnerId));
  revalidatePath("/", "layout");
  return { ok: true, message: `${count} more new card${count === 1 ? "" : "s"} today in this deck.` };
}
