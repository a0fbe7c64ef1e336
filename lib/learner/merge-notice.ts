import { z } from "zod";

// What a sign-in moved from the guest into the account, carried to the next page in a short-lived
// cookie as "reviews.cards" (plain digits: nothing in it is secret or trusted).
export const mergeNoticeCookieName = "quorum-merged";

type MergeCounts = { reviewsMoved: number; cardsMoved: number; cardsReplayed: number };

export function formatMergeNotice(summary: MergeCounts): string {
  return `${summary.reviewsMoved}.${summary.cardsMoved + summary.cardsReplayed}`;
}

const noticeSchema = z.string().regex(/^\d{1,9}\.\d{1,9}$/);

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

/** The sentence for a cookie value, or null when the value is not one we wrote. */
export function describeMergeNotice(value: string | undefined): string | null {
  const parsed = noticeSchema.safeParse(value);
  if (!parsed.success) return null;
  const [reviews, cards] = parsed.data.split(".").map(Number) as [number, number];
  return `Your guest progress is now in your account: ${plural(reviews, "review")} of ${plural(cards, "card")}.`;
}
