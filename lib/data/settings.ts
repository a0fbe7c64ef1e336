import "server-only";
import { cache } from "react";
import type { StepUnit } from "ts-fsrs";
import { db } from "@/lib/db";
import { defaultSchedulerOptions, type SchedulerOptions } from "@/lib/srs/schedule";
import { formatSteps, parseSteps } from "@/lib/srs/steps";
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
};

/** A learner's study settings: their saved ones, or the defaults. Read once per request. */
export const getStudySettings = cache(async (learnerId: string | null): Promise<StudySettings> => {
  const row = learnerId ? await db.learnerSettings.findUnique({ where: { userId: learnerId } }) : null;
  if (!row) return defaultStudySettings;
  return {
    ...defaultStudySettings,
    desiredRetention: row.desiredRetention,
    newCardsPerDay: row.newCardsPerDay,
    reviewsPerDay: row.reviewsPerDay,
    allDecksNewCardsPerDay: row.allDecksNewCardsPerDay,
    allDecksReviewsPerDay: row.allDecksReviewsPerDay,
    learningSteps: parseSteps(row.learningSteps) ?? defaultStudySettings.learningSteps,
    relearningSteps: parseSteps(row.relearningSteps) ?? defaultStudySettings.relearningSteps,
    timeZone: row.timeZone,
    dayStartHour: row.dayStartHour,
    leechThreshold: row.leechThreshold,
    leechAction: row.leechAction === "tag" ? "tag" : "suspend",
    interviewDate: row.interviewDate?.toISOString().slice(0, 10) ?? null,
  };
});

/** Sets or clears the learner's interview day (YYYY-MM-DD, stored as that date at 00:00 UTC). */
export async function saveInterviewDate(learnerId: string, date: string | null): Promise<void> {
  const interviewDate = date ? new Date(`${date}T00:00:00Z`) : null;
  await db.learnerSettings.upsert({ where: { userId: learnerId }, create: { userId: learnerId, interviewDate }, update: { interviewDate } });
}

/** Saves a learner's settings (validated by studySettingsSchema). */
export async function saveStudySettings(learnerId: string, input: StudySettingsInput): Promise<void> {
  const data = {
    ...input,
    learningSteps: formatSteps(input.learningSteps as StepUnit[]),
    relearningSteps: formatSteps(input.relearningSteps as StepUnit[]),
    timeZoneSetAt: new Date(), // chosen by the learner: a browser's detection no longer replaces it
  };
  await db.learnerSettings.upsert({ where: { userId: learnerId }, create: { userId: learnerId, ...data }, update: data });
}
