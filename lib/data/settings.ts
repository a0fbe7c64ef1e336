import "server-only";
import { defaultSchedulerOptions, type SchedulerOptions } from "@/lib/srs/schedule";

export type StudySettings = SchedulerOptions & {
  /** New cards a learner starts per study day, across all decks (Anki's default is 20). */
  newCardsPerDay: number;
  /** Review cards shown per study day, across all decks (Anki's default is 200). */
  reviewsPerDay: number;
};

export const defaultStudySettings: StudySettings = { ...defaultSchedulerOptions, newCardsPerDay: 20, reviewsPerDay: 200 };

/** A learner's study settings. Every learner has the defaults until settings can be edited. */
export async function getStudySettings(_learnerId: string | null): Promise<StudySettings> {
  return defaultStudySettings;
}
