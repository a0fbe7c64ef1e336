import type { StepUnit } from "ts-fsrs";

/** A learning-step list as the learner types it ("1m 10m 1h") → ts-fsrs steps, or null if malformed. */
export function parseSteps(text: string): StepUnit[] | null {
  const parts = text
    .trim()
    .split(/[\s,]+/)
    .filter(Boolean);
  if (parts.length > 10) return null;
  const steps: StepUnit[] = [];
  for (const part of parts) {
    const match = /^(\d{1,4})(m|h|d)$/.exec(part);
    if (!match || Number(match[1]) === 0) return null;
    steps.push(part as StepUnit);
  }
  return steps;
}

export function formatSteps(steps: readonly StepUnit[]): string {
  return steps.join(" ");
}
