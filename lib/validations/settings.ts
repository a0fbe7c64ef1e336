import { z } from "zod";
import { isValidTimeZone } from "@/lib/srs/day";
import { parseSteps } from "@/lib/srs/steps";
import { wholeNumberOrNull } from "./whole-number-or-null";

const stepsField = (label: string) =>
  z
    .string()
    .max(100)
    .transform((text, ctx) => {
      const steps = parseSteps(text);
      if (!steps) {
        ctx.addIssue({
          code: "custom",
          message: `${label}: durations like 1m 10m 1h 1d, separated by spaces (at most 10)`,
        });
        return z.NEVER;
      }
      return steps;
    });

/** An optional limit: empty means none. A form that leaves the field out entirely means none too. */
const optionalCap = (what: string, max: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((text) => (text ? Number(text) : null))
    .pipe(wholeNumberOrNull(what, max, "no cap"));

// The study settings form. Messages say what to fix.
/** An IANA time zone name this runtime knows (Intl decides), e.g. America/Los_Angeles. */
const timeZoneSchema = z
  .string()
  .max(64, "A time zone name is at most 64 characters")
  .refine(isValidTimeZone, "Choose a time zone from the list (an IANA name such as Europe/Paris)");

/** A zone the browser reported; "Etc/Unknown" and the like are refused by Intl. */
export const detectedTimeZoneSchema = timeZoneSchema;

export const studySettingsSchema = z.object({
  desiredRetention: z.coerce
    .number({ error: "Desired retention is a number between 0.70 and 0.99" })
    .min(0.7, "Desired retention must be at least 0.70: lower means forgetting most cards")
    .max(0.99, "Desired retention must be at most 0.99: higher means reviewing almost every day"),
  newCardsPerDay: z.coerce
    .number()
    .int("A whole number of new cards")
    .min(0, "At least 0 new cards")
    .max(9999, "At most 9999 new cards"),
  reviewsPerDay: z.coerce
    .number()
    .int("A whole number of reviews")
    .min(0, "At least 0 reviews")
    .max(99999, "At most 99999 reviews"),
  allDecksNewCardsPerDay: optionalCap("New cards per day across all decks", 9999),
  allDecksReviewsPerDay: optionalCap("Reviews per day across all decks", 99999),
  learningSteps: stepsField("Learning steps"),
  relearningSteps: stepsField("Relearning steps"),
  timeZone: timeZoneSchema,
  dayStartHour: z.coerce
    .number()
    .int()
    .min(0, "The day starts at an hour from 0 to 23")
    .max(23, "The day starts at an hour from 0 to 23"),
  leechThreshold: z.coerce.number().int().min(1, "A leech needs at least 1 lapse").max(99, "At most 99 lapses"),
  leechAction: z.enum(["suspend", "tag"], { error: "Choose what happens to a leech: suspend it or only tag it" }),
});

export type StudySettingsInput = z.infer<typeof studySettingsSchema>;

/** What saving settings answers: success, or the message and each field's errors. */
export type SettingsState =
  | { ok: true }
  | { ok: false; errors: Record<string, string[] | undefined>; message: string; values: Record<string, string> }
  | null;

export const interviewDateSchema = z.object({
  interviewDate: z
    .union([z.literal(""), z.iso.date({ error: "Pick a date, like 2027-01-15" })])
    .transform((value) => value || null),
});

export type PlannerState = { ok: boolean; message?: string } | null;
