"use client";

import type { PresentedQuestion } from "@/lib/study/questions";
import { ChoiceOption } from "./choice-option";

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
      {question.choices.map((choice, index) => (
        <ChoiceOption
          key={choice.id}
          html={choice.html}
          index={index}
          type={question.isMultiple ? "checkbox" : "radio"}
          name="choice"
          isSelected={selected.includes(choice.id)}
          onSelect={() => onToggle(choice.id)}
          isRight={isChecked ? expected.includes(choice.id) : null}
          marks={{ right: "✓ correct", wrong: "✗ not correct" }}
          fadesOthers
        />
      ))}
    </fieldset>
  );
}
