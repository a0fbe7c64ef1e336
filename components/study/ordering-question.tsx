"use client";

import { ArrowDown, ArrowUp } from "lucide-react";
import type { PresentedQuestion } from "@/lib/study/questions";

type Steps = Extract<PresentedQuestion, { kind: "ordering" }>["steps"];

type Props = {
  steps: Steps;
  onMove: (from: number, to: number) => void;
  /** After checking: the step ids in the right order. */
  expected: number[] | null;
};

/** Steps to put in order with up/down buttons (keyboard and touch alike); marked once checked. */
export function OrderingQuestion({ steps, onMove, expected }: Props) {
  const isChecked = expected !== null;
  return (
    <div>
      <p className="mb-2 text-sm text-muted">Put the steps in order: move each one up or down.</p>
      <ol className="space-y-2">
        {steps.map((step, index) => {
          const isRight = expected?.[index] === step.id;
          const tone = !isChecked ? "border-line" : isRight ? "border-ok bg-ok/10" : "border-danger bg-danger/10";
          return (
            <li key={step.id} className={`flex items-center gap-2 rounded-lg border p-2 pl-3 ${tone}`}>
              <span className="w-6 text-sm font-semibold tabular-nums text-muted">{index + 1}.</span>
              <span className="prose-card min-w-0 flex-1" dangerouslySetInnerHTML={{ __html: step.html }} />
              {isChecked ? (
                <span className={`text-xs font-semibold ${isRight ? "text-ok" : "text-danger"}`}>
                  {isRight ? "✓" : `✗ belongs at ${expected.indexOf(step.id) + 1}`}
                </span>
              ) : (
                <span className="flex gap-1">
                  <button type="button" className="grid size-9 place-items-center rounded-md border border-line hover:border-accent disabled:opacity-30" disabled={index === 0} onClick={() => onMove(index, index - 1)} aria-label={`Move step ${index + 1} up`}>
                    <ArrowUp className="size-4" aria-hidden="true" />
                  </button>
                  <button type="button" className="grid size-9 place-items-center rounded-md border border-line hover:border-accent disabled:opacity-30" disabled={index === steps.length - 1} onClick={() => onMove(index, index + 1)} aria-label={`Move step ${index + 1} down`}>
                    <ArrowDown className="size-4" aria-hidden="true" />
                  </button>
                </span>
              )}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
