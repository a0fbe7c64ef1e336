"use client";

import { useState } from "react";
import type { Answer, PresentedQuestion } from "@/lib/study/questions";

/**
 * What the learner has put in so far for a checked question: the choices ticked, the order of the
 * steps, or the outcome predicted (and whether they looked at the hint). `answer` is null for a
 * flashcard; `missing` says what is still needed before it can be checked.
 */
export function useAnswerInput(question: PresentedQuestion) {
  const [selected, setSelected] = useState<number[]>([]);
  const [order, setOrder] = useState(() => (question.kind === "ordering" ? question.steps : []));
  const [prediction, setPrediction] = useState<string | null>(null);
  const [isHintShown, setIsHintShown] = useState(false);

  let answer: Answer | null = null;
  let missing: string | null = null;
  if (question.kind === "multiple-choice") {
    answer = { kind: "multiple-choice", choices: selected };
    if (selected.length === 0) missing = "Choose an answer first.";
  } else if (question.kind === "ordering") {
    answer = { kind: "ordering", order: order.map((step) => step.id) };
  } else if (question.kind === "predict") {
    answer = { kind: "predict", seed: question.seed, choice: prediction ?? "", usedHint: isHintShown };
    if (!prediction) missing = "Choose a prediction first.";
  }

  function toggleChoice(id: number) {
    if (question.kind !== "multiple-choice") return;
    setSelected((current) =>
      question.isMultiple ? (current.includes(id) ? current.filter((c) => c !== id) : [...current, id]) : [id],
    );
  }

  /** The digit keys pick the nth choice of a multiple-choice or predict question. */
  function pickByNumber(digit: number) {
    if (question.kind === "multiple-choice") {
      const choice = question.choices[digit - 1];
      if (choice) toggleChoice(choice.id);
    } else if (question.kind === "predict") {
      const choice = question.choices[digit - 1];
      if (choice) setPrediction(choice.id);
    }
  }

  function moveStep(from: number, to: number) {
    setOrder((steps) => {
      const result = [...steps];
      const [step] = result.splice(from, 1);
      result.splice(to, 0, step!);
      return result;
    });
  }

  return {
    answer,
    missing,
    selected,
    toggleChoice,
    order,
    moveStep,
    prediction,
    setPrediction,
    isHintShown,
    showHint: () => setIsHintShown(true),
    pickByNumber,
  };
}
