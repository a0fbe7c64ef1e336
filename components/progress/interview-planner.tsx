"use client";

import { useActionState } from "react";
import { InputField } from "@/components/ui/input-field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { Plan } from "@/lib/progress/planner";
import type { PlannerState } from "@/lib/validations/settings";
type Props = {
  action: (state: PlannerState, formData: FormData) => Promise<PlannerState>;
  interviewDate: string | null;
  daysLeft: number | null;
  plan: Plan | null;
  unseenCards: number;
  newCardsPerDay: number;
};

function describe(plan: Plan, daysLeft: number, unseenCards: number, newCardsPerDay: number): string {
  switch (plan.kind) {
    case "past":
      return "That date has passed. Set the date of your next interview.";
    case "done":
      return (
        "You have studied every card. Keep up with your reviews for " +
        `the ${daysLeft} day${daysLeft === 1 ? "" : "s"} left.`
      );
    case "on-track":
      return (
        `On track: at ${round(plan.pace)} new cards a day you will have met all ${unseenCards} ` +
        `remaining cards in ${plan.daysNeeded} day${plan.daysNeeded === 1 ? "" : "s"}, leaving ` +
        `${plan.spareDays} day${plan.spareDays === 1 ? "" : "s"} for reviews before the interview.`
      );
    case "behind":
      return (
        `Behind: ${unseenCards} cards are still new and ` +
        (plan.daysNeeded === null
          ? "you have not started any yet"
          : `your pace of ${round(plan.pace)} a day needs ${plan.daysNeeded} days`) +
        `. To meet them all with a few days to spare, study ${plan.suggestedNewPerDay} new cards a day` +
        (plan.suggestedNewPerDay > newCardsPerDay
          ? ` (your daily limit is ${newCardsPerDay}: raise it in Settings)`
          : "") +
        "."
      );
  }
}

const round = (value: number) => (Number.isInteger(value) ? String(value) : value.toFixed(1));

/** The interview-date planner: set the date, read whether the current pace covers every card in time. */
export function InterviewPlanner({ action, interviewDate, daysLeft, plan, unseenCards, newCardsPerDay }: Props) {
  const [state, formAction, isPending] = useActionState(action, null);
  return (
    <form action={formAction} className="flex flex-wrap items-end gap-3">
      <InputField
        id="interviewDate"
        label="Interview date"
        type="date"
        defaultValue={interviewDate ?? ""}
        aria-describedby="planner-message"
      />
      <SubmitButton isPending={isPending}>{isPending ? "Saving…" : "Plan"}</SubmitButton>
      <p id="planner-message" role="status" className={`w-full text-sm ${state && !state.ok ? "text-danger" : ""}`}>
        {state && !state.ok
          ? state.message
          : plan && daysLeft !== null
            ? `${daysLeft} day${daysLeft === 1 ? "" : "s"} to go. ` +
              `${describe(plan, daysLeft, unseenCards, newCardsPerDay)}`
            : "Set the date of your interview and Quorum tells you whether your pace covers every card in time."}
      </p>
    </form>
  );
}
