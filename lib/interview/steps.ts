// The steps of one mock interview question, in order. Which step a question is at follows from
// what has been stored (lib/data/interview-steps.ts writes each step once), so a reload resumes it.

export type InterviewStep = "answer" | "tick" | "follow-up" | "follow-up-tick" | "done";

type StoredSteps = {
  /** The question's answeredAt: set when its last step is in (or never, when time ran out). */
  answeredAt: Date | null;
  interview: {
    tickedAt: Date | null;
    followUpQuestion: string | null;
    followUpAnsweredAt: Date | null;
    followUpPointCount: number | null;
  } | null;
};

/** The step a question waits for. Pure. */
export function interviewStep({ answeredAt, interview }: StoredSteps): InterviewStep {
  if (answeredAt) return "done";
  if (!interview) return "answer";
  if (!interview.tickedAt) return "tick";
  if (interview.followUpQuestion === null) return "done";
  if (!interview.followUpAnsweredAt) return "follow-up";
  return (interview.followUpPointCount ?? 0) > 0 ? "follow-up-tick" : "done";
}

/**
 * The grade a question feeds into FSRS: every key point covered is Good, at least half is Hard,
 * less (or a skipped answer) is Again. A card without key points is Good when answered. Pure.
 */
export function ratingForCoverage(input: { isSkipped: boolean; covered: number; total: number }): 1 | 2 | 3 {
  if (input.isSkipped) return 1;
  if (input.total === 0 || input.covered >= input.total) return 3;
  return input.covered * 2 >= input.total ? 2 : 1;
}
