"use server";

import { revalidatePath } from "next/cache";
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

/** The learner and a deck they can study, or the message to show. */
async function learnerAndDeck(fields: Record<string, FormDataEntryValue>) {
  const learnerId = await getLearnerId();
  if (!learnerId) return { ok: false as const, message: noLearnerMessage };
  const parsed = deckActionSchema.safeParse(fields);
  if (!parsed.success) return { ok: false as const, message: firstErrorMessage(parsed.error, unreadable) };
  const deck = await getDeckTitle(parsed.data.deckId, learnerId);
  if (!deck) return { ok: false as const, message: `There is no deck "${parsed.data.deckId}".` };
  await ensureGuestLearner(learnerId);
  return { ok: true as const, learnerId, deckId: deck.id };
}

export async function updateDeckLimits(_previous: FormMessageState, submitted: unknown): Promise<FormMessageState> {
  const fields = Object.fromEntries(formDataOrEmpty(submitted));
  const target = await learnerAndDeck(fields);
  if (!target.ok) return target;
  const parsed = deckLimitsSchema.safeParse(fields);
  if (!parsed.success) return { ok: false, message: firstErrorMessage(parsed.error, unreadable) };
  await saveDeckLimits(target.learnerId, target.deckId, parsed.data);
  revalidatePath("/", "layout");
  return { ok: true, message: "Saved: this deck's limits apply from now." };
}

export async function studyMoreNewCards(_previous: FormMessageState, submitted: unknown): Promise<FormMessageState> {
  const fields = Object.fromEntries(formDataOrEmpty(submitted));
  const target = await learnerAndDeck(fields);
  if (!target.ok) return target;
  const parsed = extraNewCardsSchema.safeParse(fields);
  if (!parsed.success) return { ok: false, message: firstErrorMessage(parsed.error, unreadable) };
  await addExtraNewCards(
    target.learnerId,
    target.deckId,
    parsed.data.count,
    clock.now(),
    await getStudySettings(target.learnerId),
  );
  revalidatePath("/", "layout");
  return {
    ok: true,
    message: `${parsed.data.count} more new card${parsed.data.count === 1 ? "" : "s"} today in this deck.`,
  };
}
