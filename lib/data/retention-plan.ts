import "server-only";
import { db } from "@/lib/db";
import type { PlannedCard, Workload } from "@/lib/fsrs-planner/simulate-workload";
import { runInPool, takeHeavyJobAllowance, type HeavyOutcome } from "@/lib/pool/heavy-job";
import { daysBetweenDates, learnerDateKey } from "@/lib/progress/day-index";
import { State } from "@/lib/srs/schedule";
import { getStudySettings } from "./settings";
import { visibleCardWhere } from "./visibility";
import { dayMs } from "@/lib/srs/day";

export type RetentionPlan = { days: number; untilInterview: boolean; workloads: Workload[] };

/** Days simulated without an interview date, and the most with one. */
const defaultDays = 30;
const daysMax = 365;

const dayFromNow = (date: Date, now: Date) => Math.round((date.getTime() - now.getTime()) / dayMs);

/**
 * The daily workload of each desired retention from 0.70 to 0.97 for this learner's collection
 * (studied cards as they stand, unstudied ones coming in at their new-card limit) with their
 * weights, until their interview day or for 30 days. Simulated in the heavy pool.
 */
export async function planRetention(learnerId: string, now: Date): Promise<HeavyOutcome<RetentionPlan>> {
  const refused = await takeHeavyJobAllowance("compute", learnerId, now);
  if (refused) return refused;
  const settings = await getStudySettings(learnerId);
  const [states, newCards] = await Promise.all([
    db.cardState.findMany({
      where: { userId: learnerId, suspendedAt: null, state: { not: State.New }, card: { retiredAt: null } },
      select: { stability: true, difficulty: true, due: true, lastReview: true },
    }),
    db.card.count({ where: { ...visibleCardWhere(learnerId), cardStates: { none: { userId: learnerId } } } }),
  ]);
  const cards: PlannedCard[] = states.map((state) => ({
    stability: state.stability,
    difficulty: state.difficulty,
    lastReviewDay: dayFromNow(state.lastReview ?? now, now),
    dueDay: dayFromNow(state.due, now),
  }));
  const daysLeft = settings.interviewDate ? daysBetweenDates(learnerDateKey(now, settings), settings.interviewDate) : 0;
  const untilInterview = daysLeft > 0;
  const days = untilInterview ? Math.min(daysLeft, daysMax) : defaultDays;
  const outcome = await runInPool({
    kind: "fsrs-plan",
    input: { weights: settings.weights, cards, newCards, newCardsPerDay: settings.newCardsPerDay, days, seed: 1 },
  });
  if (!outcome.ok) return outcome;
  return { ok: true, value: { days, untilInterview, workloads: outcome.value } };
}
