import { z } from "zod";

// The card browser's query string and bulk actions. A query string is a trust boundary: any
// value that is not one of ours falls back to the default rather than failing the page.

export const cardStateFilters = ["new", "learning", "review", "suspended", "buried", "leech"] as const;
export const cardSorts = ["deck", "due", "interval", "lapses", "difficulty"] as const;
export const browsePageSize = 50;

/** A query-string value as Next gives it: the first one when a key is repeated. */
const first = (value: unknown) => (Array.isArray(value) ? value[0] : value);
const queryValue = <T extends z.ZodType>(schema: T) => z.preprocess(first, schema);

export const browseQuerySchema = z.object({
  q: queryValue(
    z
      .string()
      .max(200)
      .transform((text) => text.trim()),
  ).catch(""),
  deck: queryValue(z.string().min(1).max(200)).optional().catch(undefined),
  tag: queryValue(z.string().min(1).max(200)).optional().catch(undefined),
  state: queryValue(z.enum(cardStateFilters)).optional().catch(undefined),
  sort: queryValue(z.enum(cardSorts)).catch("deck"),
  page: queryValue(z.coerce.number().int().min(1).max(100_000)).catch(1),
});

export type BrowseQuery = z.infer<typeof browseQuerySchema>;
export type CardStateFilter = (typeof cardStateFilters)[number];
export type CardSort = (typeof cardSorts)[number];

const bulkCardActions = ["suspend", "unsuspend", "reset"] as const;
export type BulkCardAction = (typeof bulkCardActions)[number];

export const bulkCardInputSchema = z.object({
  action: z.enum(bulkCardActions, { error: "Choose suspend, unsuspend or reset." }),
  cardIds: z
    .array(z.string().min(1).max(200), { error: "Select the cards first." })
    .min(1, "Select at least one card.")
    .max(browsePageSize * 4, `Select at most ${browsePageSize * 4} cards at once.`),
});

/** "Study these": the selection travels in the study link's query string. */
export const selectionQuerySchema = z.object({
  cards: queryValue(
    z
      .string({ error: "Select cards to study in the browser." })
      .transform((text) => [...new Set(text.split(",").filter(Boolean))])
      .pipe(
        z
          .array(z.string().max(200))
          .min(1, "Select cards to study in the browser.")
          .max(browsePageSize * 4, `Study at most ${browsePageSize * 4} cards at once.`),
      ),
  ),
  since: queryValue(
    z.coerce.number({ error: "This study link is incomplete; start again from the browser." }).int().positive(),
  ),
});

export function selectionHref(cardIds: string[], since: Date): string {
  return `/browse/study?${new URLSearchParams({ cards: cardIds.join(","), since: String(since.getTime()) })}`;
}
