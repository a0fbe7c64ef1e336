// The interview-date planner: will the learner have met every card by their interview, at the
// pace they keep, and how many new cards a day would get them there with time to spare.

/** Days kept free before the interview for reviews only (new cards learned on the eve barely stick). */
const reviewOnlyDays = 3;

export type PlanInput = { daysLeft: number; unseenCards: number; newCardsPerDay: number; recentNewPerDay: number };

export type Plan =
  | { kind: "past" }
  | { kind: "done" }
  | { kind: "on-track"; daysNeeded: number; pace: number; spareDays: number }
  | { kind: "behind"; daysNeeded: number | null; pace: number; suggestedNewPerDay: number; studyDays: number };

/**
 * `pace` is what the learner actually does: their recent new cards a day, capped by their daily
 * limit; when they have not started, the limit itself.
 */
export function planForInterview(input: PlanInput): Plan {
  if (input.daysLeft < 0) return { kind: "past" };
  if (input.unseenCards === 0) return { kind: "done" };
  const pace = input.recentNewPerDay > 0 ? Math.min(input.recentNewPerDay, input.newCardsPerDay) : input.newCardsPerDay;
  const studyDays = Math.max(1, input.daysLeft - reviewOnlyDays);
  const daysNeeded = pace > 0 ? Math.ceil(input.unseenCards / pace) : null;
  if (daysNeeded !== null && daysNeeded <= studyDays)
    return { kind: "on-track", daysNeeded, pace, spareDays: input.daysLeft - daysNeeded };
  return { kind: "behind", daysNeeded, pace, suggestedNewPerDay: Math.ceil(input.unseenCards / studyDays), studyDays };
}
