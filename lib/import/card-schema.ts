import { z } from "zod";
import { cardFieldCharsMax, cardTagsMax, tagCharsMax } from "@/lib/import/limits";
import type { ImportedCard, ImportError, ImportResult } from "@/lib/import/types";

// The boundary check on every parsed card (G11). It lives beside the parsers rather than in
// lib/validations because only they produce ImportedCard; the app re-checks nothing.

const fieldSchema = (side: string) =>
  z
    .string()
    .refine((value) => value.trim().length > 0, { message: `The ${side} is empty.` })
    .refine((value) => value.length <= cardFieldCharsMax, {
      message: `The ${side} is longer than ${cardFieldCharsMax.toLocaleString("en-US")} characters.`,
    });

const tagSchema = z
  .string()
  .min(1, { message: "A tag is empty." })
  .max(tagCharsMax, { message: `A tag is longer than ${tagCharsMax} characters.` })
  .regex(/^\S*$/, { message: "A tag contains a space." });

export const importedCardSchema = z.object({
  line: z.number().int().positive(),
  front: fieldSchema("front"),
  back: fieldSchema("back"),
  format: z.enum(["html", "markdown"]),
  tags: z.array(tagSchema).max(cardTagsMax, { message: `The card has more than ${cardTagsMax} tags.` }),
  deck: z.string().min(1).max(500, { message: "The deck name is longer than 500 characters." }).optional(),
  guid: z.string().min(1).max(200, { message: "The note GUID is longer than 200 characters." }).optional(),
});

/**
 * A parser's result: the cards that pass the schema, and every error (the parser's own, then one per rule a
 * card breaks, naming its line) in line order. Pure.
 */
export function validatedResult(parsed: Omit<ImportResult, "meta">, meta: ImportResult["meta"]): ImportResult {
  const valid: ImportedCard[] = [];
  const cardErrors: ImportError[] = [];
  for (const card of parsed.cards) {
    const checked = importedCardSchema.safeParse(card);
    if (checked.success) valid.push(card);
    else for (const issue of checked.error.issues) cardErrors.push({ line: card.line, message: issue.message });
  }
  // concat, not push(...): a spread of a huge array overflows the call stack.
  const errors = parsed.errors.concat(cardErrors).sort((a, b) => a.line - b.line);
  return { cards: valid, skipped: parsed.skipped, errors, meta };
}
