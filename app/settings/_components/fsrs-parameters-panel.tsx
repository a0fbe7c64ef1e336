"use client";

import { useActionState } from "react";
import { ActionResult } from "@/components/ui/action-result";
import type { OptimizerStatus } from "@/lib/data/fsrs-weights";
import type { FormMessageState } from "@/lib/validations/messages";
import type { WeightsState } from "../_lib/fsrs-states";
import { ServerWorkButton } from "./server-work-button";
import { WeightsComparisonTable } from "./weights-comparison";

type Props = {
  status: OptimizerStatus;
  optimize: () => Promise<WeightsState>;
  evaluate: () => Promise<WeightsState>;
  reschedule: () => Promise<FormMessageState>;
};

function WeightsResult({ state }: { state: WeightsState }) {
  if (!state) return null;
  if (!state.ok) return <ActionResult state={state} />;
  return <WeightsComparisonTable action={state.action} comparison={state.comparison} />;
}

/** Optimize, Evaluate and Reschedule, as Anki's FSRS options; the work runs on the server's heavy pool. */
export function FsrsParametersPanel({ status, optimize, evaluate, reschedule }: Props) {
  const [optimized, optimizeAction, isOptimizing] = useActionState(optimize, null);
  const [evaluated, evaluateAction, isEvaluating] = useActionState(evaluate, null);
  const [rescheduled, rescheduleAction, isRescheduling] = useActionState(reschedule, null);
  const hasEnoughReviews = status.reviewCount >= status.reviewsNeeded;
  const isBusy = isOptimizing || isEvaluating || isRescheduling;
  // Optimize and Evaluate fit to the learner's own reviews, so they wait until there are enough.
  const needsReviews = { isDisabled: !hasEnoughReviews || isBusy, describedBy: "fsrs-review-count" };
  const isPersonal = optimized?.ok ? optimized.comparison.isPersonalBetter : status.hasPersonalWeights;
  return (
    <section className="space-y-4 rounded-xl border border-line bg-surface p-5" aria-labelledby="fsrs-parameters">
      <h2 id="fsrs-parameters" className="font-semibold">
        FSRS parameters
      </h2>
      <p className="text-sm text-muted">
        FSRS starts from parameters fitted to many learners. Optimize fits them to your own reviews and keeps yours only
        when they predict your reviews better.
      </p>
      <p className="text-sm" id="fsrs-review-count">
        You have {status.reviewCount} reviews; optimizing needs at least {status.reviewsNeeded}.{" "}
        {isPersonal ? "Scheduling with your personal parameters." : "Scheduling with the default parameters."}
      </p>
      <div className="flex flex-wrap gap-3">
        <ServerWorkButton action={optimizeAction} {...needsReviews}>
          {isOptimizing ? "Optimizing…" : "Optimize"}
        </ServerWorkButton>
        <ServerWorkButton action={evaluateAction} {...needsReviews}>
          {isEvaluating ? "Evaluating…" : "Evaluate"}
        </ServerWorkButton>
        <ServerWorkButton action={rescheduleAction} isDisabled={isBusy}>
          {isRescheduling ? "Rescheduling…" : "Reschedule cards"}
        </ServerWorkButton>
      </div>
      <div aria-live="polite" className="space-y-4">
        {isBusy ? <p className="text-sm text-muted">Working on the server; this page stays usable.</p> : null}
        <WeightsResult state={optimized} />
        <WeightsResult state={evaluated} />
        <ActionResult state={rescheduled ?? undefined} />
      </div>
    </section>
  );
}
