"use client";

import { Lightbulb } from "lucide-react";
import type { PresentedQuestion } from "@/lib/study/questions";
import { ChoiceOption } from "./choice-option";

type Predict = Extract<PresentedQuestion, { kind: "predict" }>;

type Props = {
  question: Predict;
  choice: string | null;
  onChoose: (id: string) => void;
  isHintShown: boolean;
  onShowHint: () => void;
  /** After checking: the id of the right choice. */
  expected: string | null;
};

/**
 * Predict, then replay: the simulation drew this question; the learner commits to an outcome
 * before seeing the run. Asking for the hint first means a right answer earns Hard, not Good.
 */
export function PredictQuestion({ question, choice, onChoose, isHintShown, onShowHint, expected }: Props) {
  const isChecked = expected !== null;
  return (
    <div className="space-y-4">
      <div className="rounded-lg border border-line bg-surface-2 p-4">
        <p className="mb-2 text-xs font-semibold uppercase tracking-wider text-muted">
          Simulated question · variant {question.seed}
        </p>
        <div className="prose-card" dangerouslySetInnerHTML={{ __html: question.promptHtml }} />
      </div>
      <fieldset className="space-y-2" disabled={isChecked}>
        <legend className="mb-2 text-sm text-muted">Commit to a prediction.</legend>
        {question.choices.map((option, index) => (
          <ChoiceOption
            key={option.id}
            html={option.html}
            index={index}
            type="radio"
            name="prediction"
            isSelected={choice === option.id}
            onSelect={() => onChoose(option.id)}
            isRight={isChecked ? expected === option.id : null}
            marks={{ right: "✓ what happened", wrong: "✗ not what happened" }}
          />
        ))}
      </fieldset>
      {isHintShown ? (
        <p className="flex gap-2 rounded-lg border border-learning/40 bg-learning/10 p-3 text-sm" role="note">
          <Lightbulb className="mt-0.5 size-4 shrink-0 text-learning" aria-hidden="true" />
          {question.hint}
        </p>
      ) : !isChecked ? (
        <button
          type="button"
          onClick={onShowHint}
          className="inline-flex items-center gap-1.5 text-sm text-muted hover:text-fg"
        >
          <Lightbulb className="size-4" aria-hidden="true" />
          Show a hint (a right answer then counts as Hard)
        </button>
      ) : null}
    </div>
  );
}
