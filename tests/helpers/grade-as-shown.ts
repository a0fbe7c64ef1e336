import { expect } from "vitest";
import { db } from "@/lib/db";
import { recordReview } from "@/lib/data/reviews";
import type { StudySettings } from "@/lib/data/settings";
import type { Grade } from "@/lib/srs/schedule";

/**
 * A grader that grades a card as the learner was shown it (the version their state has now) and
 * expects the review recorded; `settings` default to `defaults`.
 */
export function gradeAsShown(defaults: StudySettings) {
  return async (learnerId: string, cardId: string, rating: Grade, now: Date, settings: StudySettings = defaults) => {
    const version =
      (await db.cardState.findUnique({ where: { userId_cardId: { userId: learnerId, cardId } } }))?.version ?? 0;
    expect(await recordReview({ learnerId, cardId, rating, version, now, settings })).toMatchObject({ ok: true });
  };
}
