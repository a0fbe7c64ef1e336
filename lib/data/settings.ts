import "server-only";
import { cache } from "react";
import type { StepUnit } from "ts-fsrs";
import { db } from "@/lib/db";
import { browserTimeZone } from "./time-zone";
import { defaultSchedulerOptions, type SchedulerOptions } from "@/lib/srs/schedule";
import { carryStudyDay, type DayCarry } from "@/lib/srs/day";
import { formatSteps, parseSteps } from "@/lib/srs/steps";
import { weightsFromJson } from "@/lib/srs/stored-weights";
import type { StudySettingsInput } from "@/lib/validations/settings";

export type StudySettings = SchedulerOptions & {
  /** New cards a learner starts per study day in each deck, unless the deck sets its own (Anki's default is 20). */
  newCardsPerDay: number;
  /** Review cards shown per study day in each deck, unless the deck sets its own (Anki's default is 200). */
  reviewsPerDay: number;
  /** Optional caps across all decks together; null: none. */
  allDecksNewCardsPerDay: number | null;
  allDecksReviewsPerDay: number | null;
  /** Lapses that make a card a leech (Anki: 8), and whether a leech is suspended or only tagged. */
  leechThreshold: number;
  leechAction: "suspend" | "tag";
  /** The learner's interview day (YYYY-MM-DD), for the planner; null when not set. */
  interviewDate: string | null;
  /** The study day carried over the last change of zone or day-start hour (lib/srs/day.ts). */
  dayCarry: DayCarry | null;
};

export const defaultStudySettings: StudySettings = {
  ...defaultSchedulerOptions,
  newCardsPerDay: 20,
  reviewsPerDay: 200,
  allDecksNewCardsPerDay: null,
  allDecksReviewsPerDay: null,
  leechThreshold: 8,
  leechAction: "suspend",
  interviewDate: null,
  dayCarry: null,
};

/**
 * The learner's settings row. Read once per request: getStudySettings and the root layout's storedTimeZoneStatus both
 * need it.
 */
const getSettingsRow = cache(async (learnerId: string) =>
  db.learnerSettings.findUnique({ where: { userId: learnerId } }),
);

/** A learner's study settings: their saved ones, or the defaults. Read once per request. */
export const getStudySettings = cache(async (learnerId: string | null): Promise<StudySettings> => {
  const row = learnerId ? await getSettingsRow(learnerId) : null;
  // Until a zone is stored, the browser's (from the detector's cookie) decides the learner's day.
  const detected = row?.timeZoneSetAt ? null : await browserTimeZone();
  if (!row) return detected ? { ...defaultStudySettings, timeZone: detected } : defaultStudySettings;
  return {
    ...defaultStudySettings,
    desiredRetention: row.desiredRetention,
    newCardsPerDay: row.newCardsPerDay,
    reviewsPerDay: row.reviewsPerDay,
    allDecksNewCardsPerDay: row.allDecksNewCardsPerDay,
    allDecksReviewsPerDay: row.allDecksReviewsPerDay,
    learningSteps: parseSteps(row.learningSteps) ?? defaultStudySettings.learningSteps,
    relearningSteps: parseSteps(row.relearningSteps) ?? defaultStudySettings.relearningSteps,
    weights: weightsFromJson(row.fsrsWeights),
    timeZone: detected ?? row.timeZone,
    dayStartHour: row.dayStartHour,
    leechThreshold: row.leechThreshold,
    leechAction: row.leechAction === "tag" ? "tag" : "suspend",
    interviewDate: row.interviewDate?.toISOString().slice(0, 10) ?? null,
    dayCarry:
      row.dayChangedAt && row.carriedDayStart ? { dayStart: row.carriedDayStart, changedAt: row.dayChangedAt } : null,
  };
});

/**
 * Whether the learner's time zone was detected or chosen and stored; "no-row" for a guest who has written nothing yet.
 */
export async function storedTimeZoneStatus(learnerId: string): Promise<"stored" | "unset" | "no-row"> {
  const row = await getSettingsRow(learnerId);
  if (row) return row.timeZoneSetAt !== null ? "stored" : "unset";
  return (await db.user.count({ where: { id: learnerId } })) ? "unset" : "no-row";
}

/** Sets or clears the learner's interview day (YYYY-MM-DD, stored as that date at 00:00 UTC). */
export async function saveInterviewDate(learnerId: string, date: string | null): Promise<void> {
  const interviewDate = date ? new Date(`${date}T00:00:00Z`) : null;
  await db.learnerSettings.upsert({
    where: { userId: learnerId },
    create: { userId: learnerId, interviewDate },
    update: { interviewDate },
  });
}

/**
 * Saves a learner's settings (validated by studySettingsSchema). A new zone or day-start hour
 * takes effect at its first rollover: the study day in progress is carried until then.
 */
export async function saveStudySettings(learnerId: string, input: StudySettingsInput, now: Date): Promise<void> {
  const carry = carryStudyDay(await getStudySettings(learnerId), input, now);
  const data = {
    ...input,
    dayChangedAt: carry?.changedAt ?? null,
    carriedDayStart: carry?.dayStart ?? null,
    learningSteps: formatSteps(input.learningSteps as StepUnit[]),
    relearningSteps: formatSteps(input.relearningSteps as StepUnit[]),
    timeZoneSetAt: now, // chosen by the learner: a browser's detection no longer replaces it
  };
  await db.learnerSettings.upsert({
    where: { userId: learnerId },
    create: { userId: learnerId, ...data },
    update: data,
  });
}
