import { z } from "zod";

// Custom study (Anki's): review the cards forgotten lately, or study one tag beyond the limits.
// It arrives from the URL and with each grade, so it is validated at both.

const customStudySchema = z.discriminatedUnion(
  "kind",
  [
    z.object({
      kind: z.literal("forgotten"),
      days: z.coerce
        .number({ error: "Forgotten in how many days: a whole number" })
        .int("Forgotten in how many days: a whole number")
        .min(1, "Forgotten in at least the last 1 day")
        .max(30, "Forgotten in at most the last 30 days"),
    }),
    z.object({
      kind: z.literal("tag"),
      tag: z
        .string({ error: "Choose a tag to study" })
        .min(1, "Choose a tag to study")
        .max(100, "That tag is too long"),
    }),
  ],
  { error: "Custom study is 'forgotten' or 'tag'" },
);

export type CustomStudy = z.infer<typeof customStudySchema>;

/** The custom study named by URL search params or grade form fields (`custom`, `days`, `tag`), if any. */
export function parseCustomStudy(fields: Record<string, unknown>) {
  if (fields.custom === undefined || fields.custom === "") return { success: true as const, data: undefined };
  return customStudySchema.safeParse({ kind: fields.custom, days: fields.days, tag: fields.tag });
}

/** The fields that name a custom study, for links and the grade form. */
export function customStudyFields(custom: CustomStudy | undefined): Record<string, string> {
  if (!custom) return {};
  return custom.kind === "forgotten"
    ? { custom: "forgotten", days: String(custom.days) }
    : { custom: "tag", tag: custom.tag };
}

/** What a custom study is called on the study page. */
export function describeCustomStudy(custom: CustomStudy): string {
  return custom.kind === "forgotten"
    ? `Cards forgotten in the last ${custom.days === 1 ? "day" : `${custom.days} days`}`
    : `Cards tagged ${custom.tag}`;
}
