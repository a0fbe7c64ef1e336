import { z } from "zod";
import { wholeNumberOrNull } from "./whole-number-or-null";

// A deck's own limits (empty: the default from Settings) and custom study's extra new cards.

const optionalLimit = (what: string, max: number) =>
  z
    .string()
    .trim()
    .transform((text) => (text === "" ? null : Number(text)))
    .pipe(wholeNumberOrNull(what, max, "your default"));

export const deckLimitsSchema = z.object({
  newCardsPerDay: optionalLimit("New cards per day", 9999),
  reviewsPerDay: optionalLimit("Reviews per day", 99999),
});

export type DeckLimitsInput = z.infer<typeof deckLimitsSchema>;

export const extraNewCardsSchema = z.object({
  count: z.coerce
    .number({ error: "How many more new cards: a whole number" })
    .int("How many more new cards: a whole number")
    .min(1, "At least 1 more new card")
    .max(999, "At most 999 more new cards at once"),
});

const deckId = z.string().min(1, "Missing deck id").max(200, "Deck id too long");

export const deckActionSchema = z.object({ deckId });
