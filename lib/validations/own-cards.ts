import { z } from "zod";
import { formDataOrEmpty } from "./form-data";
import { firstErrorMessage } from "./messages";

// Forms for a learner's own decks and cards. Sizes match what an import accepts for one card.

const cardSideCharsMax = 20_000;
const tagsMax = 20;

const side = (label: string) =>
  z
    .string({ error: `Write the card's ${label}.` })
    .trim()
    .min(1, `Write the card's ${label}.`)
    .max(cardSideCharsMax, `The ${label} is at most ${cardSideCharsMax.toLocaleString("en-US")} characters.`);

/** Tags as typed: separated by spaces or commas; each a word with - _ . : / allowed. */
const tagsField = z
  .string()
  .max(1_000, "Too many tags.")
  .optional()
  .transform((text) => [...new Set((text ?? "").split(/[\s,]+/).filter(Boolean))])
  .pipe(
    z
      .array(
        z
          .string()
          .max(50, "A tag is at most 50 characters.")
          .regex(/^[\p{L}\p{N}_.:/-]+$/u, "A tag uses letters, digits and - _ . : / only."),
      )
      .max(tagsMax, `At most ${tagsMax} tags.`),
  );

export const ownCardInputSchema = z.object({
  deckId: z.string({ error: "Choose a deck." }).min(1, "Choose a deck.").max(200),
  front: side("front"),
  back: side("back"),
  tags: tagsField,
});

export type OwnCardInput = z.infer<typeof ownCardInputSchema>;

/** What the card forms' actions answer: a message and the fields to fix; null before the first submit. */
export type CardFormState = { ok: false; message: string; fieldErrors?: Record<string, string[] | undefined> } | null;

/** The card form: the card's fields, and the card it rewrites when it names one. */
export function readOwnCardForm(
  submitted: unknown,
): { ok: true; card: OwnCardInput; cardId: string } | NonNullable<CardFormState> {
  const formData = formDataOrEmpty(submitted);
  const parsed = ownCardInputSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success)
    return {
      ok: false,
      message: firstErrorMessage(parsed.error, "Check the card's fields."),
      fieldErrors: z.flattenError(parsed.error).fieldErrors,
    };
  const cardId = formData.get("cardId");
  return { ok: true, card: parsed.data, cardId: typeof cardId === "string" ? cardId : "" };
}

/** One side of a card as the form previews it. */
export const cardSideSchema = z
  .string()
  .max(cardSideCharsMax, `A side is at most ${cardSideCharsMax.toLocaleString("en-US")} characters.`);

export const cardIdSchema = z.object({
  cardId: z.string({ error: "Missing card id." }).min(1, "Missing card id.").max(200),
});

export const deckTitleInputSchema = z.object({
  title: z
    .string({ error: "Give the deck a name." })
    .trim()
    .min(1, "Give the deck a name.")
    .max(120, "A deck name is at most 120 characters."),
});

export const deckIdSchema = z.object({
  deckId: z.string({ error: "Missing deck id." }).min(1, "Missing deck id.").max(200),
});
