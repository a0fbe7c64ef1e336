import { z } from "zod";

// A card's interview sections as the seed stores them on Card (rendered once, at seed time) and
// as study, the card page and the mock interview show them. Own and imported cards have none.

const keyPointsSchema = z.array(z.object({ text: z.string(), html: z.string() }));
const followUpsSchema = z.array(z.object({ question: z.string(), html: z.string(), cardId: z.string().optional() }));

export type KeyPoint = z.infer<typeof keyPointsSchema>[number];
type ShownFollowUp = z.infer<typeof followUpsSchema>[number];

/** What a revealed card shows before and after its long answer. */
export type ShownInterview = { sayItHtml: string; keyPoints: KeyPoint[]; followUps: ShownFollowUp[] };

/** The Card columns that hold the sections (select them with `interviewColumns`). */
export type InterviewColumns = { sayItHtml: string | null; keyPoints: unknown; followUps: unknown };

export const interviewColumns = { sayItHtml: true, keyPoints: true, followUps: true } as const;

/** The sections of a card row, or null when it has none. The JSON was written by our seed: parse, not safeParse. */
export function readInterview(row: InterviewColumns): ShownInterview | null {
  if (row.sayItHtml === null) return null;
  return {
    sayItHtml: row.sayItHtml,
    keyPoints: keyPointsSchema.parse(row.keyPoints),
    followUps: followUpsSchema.parse(row.followUps),
  };
}

/** A card's key points alone (empty when it has no sections). */
export function readKeyPoints(keyPoints: unknown): KeyPoint[] {
  return keyPoints === null || keyPoints === undefined ? [] : keyPointsSchema.parse(keyPoints);
}

/** Where a linked follow-up leads: the page that shows that one card. */
export function cardHref(cardId: string): string {
  return `/cards/${encodeURIComponent(cardId)}`;
}

/** A card's follow-ups alone (empty when it has no sections). */
export function readFollowUps(followUps: unknown): ShownFollowUp[] {
  return followUps === null || followUps === undefined ? [] : followUpsSchema.parse(followUps);
}
