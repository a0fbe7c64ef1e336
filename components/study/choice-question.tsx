"use client";

import type { PresentedQuestion } from "@/lib/study/questions";

type Choices = Extract<PresentedQuestion, { kind: "multiple-choice" }>;

type Props = {
  question: Choices;
  selected: number[];
  onToggle: (id: number) => void;
  /** After checking: the ids of the correct choices. */
  expected: number[] | null;
};

/** Choices as radio buttons (one answer) or checkboxes (several); marked right or wrong once checked. */
export function ChoiceQuestion({ question, selected, onToggle, expected }: Props) {
  const isChecked = expected !== null;
  return (
    <fieldset className="space-y-2" disabled={isChecked}>
      <legend className="mb-2 text-sm text-muted">
        {question.isMultiple ? "Select all that apply." : "Select one answer."}
      </legend>
      {question.choices.map((choice, index) => {
        const isSelected = selected.includes(choice.id);
        const isRight = expected?.includes(choice.id) ?? false;
        const tone = !isChecked
          ? isSelected
            ? "border-accent bg-accent-soft"
            : "border-line hover:border-accent"
          : isRight
            ? "border-ok bg-ok/10"
            : isSelected
              ? "border-danger bg-danger/10"
              : "border-line opacity-70";
        return (
          <label key={choice.id} className={`flex cursor-pointer items-start gap-3 rounded-lg border p-3 ${tone}`}>
            <input
              type={question.isMultiple ? "checkbox" : "radio"}
              name="choice"
              className="mt-1 accent-[var(--accent)]"
              checked={isSelected}
              onChange={() => onToggle(choice.id)}
            />
            <span className="min-w-0 flex-1">
              <span className="prose-card" dangerouslySetInnerHTML={{ __html: choice.html }} />
              {isChecked && (isRight || isSelected) ? (
                <span className={`ml-2 text-xs font-semibold ${isRight ? "text-ok" : "text-danger"}`}>
                  {isRight ? "✓ correct" : "✗ not correct"}
                </span>
              ) : null}
            </span>
            <kbd
              className={
                "hidden rounded border border-line px-1 font-mono " + "text-[10px] leading-4 text-muted sm:inline"
              }
            >
              {index + 1}
            </kbd>
          </label>
        );
      })}
    </fieldset>
  );
}
