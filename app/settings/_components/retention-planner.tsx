"use client";

import { useActionState } from "react";
import { ActionResult } from "@/components/ui/action-result";
import type { RetentionPlan } from "@/lib/data/retention-plan";
import type { PlanState } from "../_lib/fsrs-states";
import { ServerWorkButton } from "./server-work-button";

function summary(plan: RetentionPlan): string {
  const at = (retention: number) => plan.workloads.find((w) => w.desiredRetention === retention);
  const high = at(0.95);
  const usual = at(0.9);
  const span = plan.untilInterview ? `the ${plan.days} days until your interview` : `the next ${plan.days} days`;
  if (!high || !usual) return "";
  return (
    `Over ${span}, 0.95 costs ${high.reviewsPerDay.toFixed(0)} reviews/day ` +
    `(${high.minutesPerDay.toFixed(0)} min) vs ${usual.reviewsPerDay.toFixed(0)} ` +
    `(${usual.minutesPerDay.toFixed(0)} min) at 0.90.`
  );
}

function PlanTable({ plan }: { plan: RetentionPlan }) {
  return (
    <div className="space-y-2">
      <p role="status">{summary(plan)}</p>
      <table className="w-full text-sm [&_td]:pr-3 [&_th]:pr-3 [&_th]:align-bottom">
        <caption className="text-left text-muted">
          Simulated with your parameters and cards; recalled: cards you would remember on the last day.
        </caption>
        <thead>
          <tr className="text-left">
            <th scope="col">Retention</th>
            <th scope="col">Reviews a day</th>
            <th scope="col">Minutes a day</th>
            <th scope="col">Recalled</th>
          </tr>
        </thead>
        <tbody>
          {plan.workloads.map((workload) => (
            <tr key={workload.desiredRetention}>
              <th scope="row" className="text-left font-normal tabular-nums">
                {workload.desiredRetention.toFixed(2)}
              </th>
              <td className="tabular-nums">{workload.reviewsPerDay.toFixed(1)}</td>
              <td className="tabular-nums">{workload.minutesPerDay.toFixed(1)}</td>
              <td className="tabular-nums">{workload.memorizedAtEnd.toFixed(0)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** What each desired retention from 0.70 to 0.97 would cost a day, simulated on the server's heavy pool. */
export function RetentionPlanner({ plan }: { plan: () => Promise<PlanState> }) {
  const [state, planAction, isPlanning] = useActionState(plan, null);
  return (
    <section className="space-y-4 rounded-xl border border-line bg-surface p-5" aria-labelledby="retention-planner">
      <h2 id="retention-planner" className="font-semibold">
        Desired retention, explained
      </h2>
      <p className="text-sm text-muted">
        A higher desired retention means remembering more at the cost of more reviews. Compare the daily workload of
        each, for your own cards, until your interview date (or for 30 days).
      </p>
      <ServerWorkButton action={planAction} isDisabled={isPlanning}>
        {isPlanning ? "Simulating…" : "Compare retentions"}
      </ServerWorkButton>
      <div aria-live="polite">
        {state?.ok ? <PlanTable plan={state.plan} /> : <ActionResult state={state ?? undefined} />}
      </div>
    </section>
  );
}
