"use client";

import { startTransition, useState, useTransition } from "react";
import type { CheckedAnswer } from "@/lib/data/answers";
import type { ShownCard as Card } from "@/lib/data/present-card";
import { useToast } from "@/components/ui/toast-provider";
import { suggestedRating } from "@/lib/study/questions";
import { CardHtml } from "./card-html";
import { CardToolbar } from "./card-toolbar";
import { ChoiceQuestion } from "./choice-question";
import { OrderingQuestion } from "./ordering-question";
import { PredictQuestion } from "./predict-question";
import { RatingButtons } from "./rating-buttons";
import { ReplayLink } from "./replay-link";
import { RevealedAnswer } from "./revealed-answer";
import { SourceList } from "./source-list";
import { flagWithUndo } from "./flag-with-undo";
import { useAnswerInput } from "./use-answer-input";
import { useStudyKeys } from "./use-study-keys";

export type CardActions = {
  checkStudyAnswer: (input: unknown) => Promise<CheckedAnswer>;
  /** Study only: undo, bury and suspend (a quiz has none of them). */
  undoGrade?: () => Promise<{ ok: false; message: string }>;
  flagCard?: (input: unknown) => Promise<{ ok: boolean; message?: string }>;
};

type Props = {
  card: Card;
  /** Sent with the grade: which card version was shown (study) or which quiz question (quiz), and when. */
  gradeFields: Record<string, string>;
  actions: CardActions;
  /** The grade action (from the session, which outlives each card) and its state. */
  gradeAction: (formData: FormData) => void;
  isGrading: boolean;
  gradeError: string | null;
  /** Study only: whether there is a grade to undo (no "Undo" on the first card). */
  canUndo?: boolean;
};

const good = 3;

/**
 * One card: the question (a flashcard, multiple choice, ordering, or a prediction about a
 * simulated cluster), then the answer and the four grades. Checked questions are graded by the
 * server; the grade they earn is suggested (right → Good, right after the hint → Hard, wrong →
 * Again) and Space/Enter takes it, but the learner may pick another.
 */
export function StudyCard({ card, gradeFields, actions, gradeAction, isGrading, gradeError, canUndo = false }: Props) {
  const { question } = card;
  const input = useAnswerInput(question);
  const { answer } = input;
  const [checked, setChecked] = useState<Extract<CheckedAnswer, { ok: true }> | null>(null);
  const [isRevealed, setIsRevealed] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [isChecking, startChecking] = useTransition();

  const suggested = checked ? suggestedRating(checked.isCorrect, answer?.kind === "predict" && answer.usedHint) : good;
  const answerHtml = checked?.answerHtml ?? card.answerHtml;
  const interview = checked ? checked.interview : card.interview;
  const replayHref = checked?.replayHref ?? card.replayHref;

  function reveal() {
    if (isRevealed || isChecking) return;
    if (!answer) return setIsRevealed(true);
    if (input.missing) return setMessage(input.missing);
    startChecking(async () => {
      const result = await actions.checkStudyAnswer({ cardId: card.id, answer });
      if (!result.ok) return setMessage(result.message);
      setMessage(null);
      setChecked(result);
      setIsRevealed(true);
    });
  }

  function grade(rating: number) {
    if (!isRevealed || isGrading) return;
    const formData = new FormData();
    for (const [name, value] of Object.entries(gradeFields)) formData.set(name, value);
    formData.set("rating", String(rating));
    if (answer) formData.set("answer", JSON.stringify(answer));
    startTransition(() => gradeAction(formData));
  }

  const { undoGrade, flagCard } = actions;
  const showToast = useToast();
  const undo =
    undoGrade && canUndo ? () => startTransition(async () => setMessage((await undoGrade()).message)) : undefined;
  const flag =
    flagCard &&
    ((kind: "bury" | "suspend") => startTransition(() => flagWithUndo(flagCard, card.id, kind, showToast, setMessage)));

  useStudyKeys({
    onConfirm: () => (isRevealed ? grade(suggested) : reveal()),
    onDigit: (digit) => {
      if (isRevealed) {
        if (digit <= 4) grade(digit);
      } else {
        input.pickByNumber(digit);
      }
    },
    onUndo: undo,
    onBury: flag && (() => flag("bury")),
    onSuspend: flag && (() => flag("suspend")),
  });

  const error = message ?? gradeError;
  return (
    <div className="space-y-3">
      <article className="rounded-xl border border-line bg-surface" aria-label="Flashcard">
        <div className="space-y-5 p-5 sm:p-7">
          <h2 className="sr-only">Question</h2>
          <CardHtml html={card.promptHtml} className="text-[1.0625rem]" />
          {question.kind === "multiple-choice" ? (
            <ChoiceQuestion
              question={question}
              selected={input.selected}
              onToggle={input.toggleChoice}
              expected={checked ? (checked.expected as number[]) : null}
            />
          ) : null}
          {question.kind === "ordering" ? (
            <OrderingQuestion
              steps={input.order}
              expected={checked ? (checked.expected as number[]) : null}
              onMove={input.moveStep}
            />
          ) : null}
          {question.kind === "predict" ? (
            <PredictQuestion
              question={question}
              choice={input.prediction}
              onChoose={input.setPrediction}
              isHintShown={input.isHintShown}
              onShowHint={input.showHint}
              expected={checked ? String(checked.expected[0]) : null}
            />
          ) : null}
        </div>
        {isRevealed && answerHtml ? (
          <div className="border-t border-line p-5 sm:p-7">
            {checked ? (
              <p className={`mb-3 font-semibold ${checked.isCorrect ? "text-ok" : "text-danger"}`} role="status">
                {checked.isCorrect
                  ? question.kind === "predict"
                    ? "Right: that is what the simulation did."
                    : "Right."
                  : question.kind === "predict"
                    ? "Not what the simulation did."
                    : "Not quite."}
              </p>
            ) : null}
            <h2 className="mb-3 text-xs font-semibold uppercase tracking-wider text-muted">Answer</h2>
            <RevealedAnswer answerHtml={answerHtml} interview={interview} />
            {replayHref ? <ReplayLink href={replayHref} /> : null}
            <SourceList sources={card.sources} />
          </div>
        ) : null}
        <div className="sticky bottom-0 rounded-b-xl border-t border-line bg-surface/95 p-3 backdrop-blur sm:p-4">
          {isRevealed ? (
            <form action={gradeAction}>
              {Object.entries(gradeFields).map(([name, value]) => (
                <input key={name} type="hidden" name={name} value={value} />
              ))}
              {answer ? <input type="hidden" name="answer" value={JSON.stringify(answer)} /> : null}
              <RatingButtons
                previews={card.previews}
                disabled={isGrading}
                suggested={checked ? suggested : undefined}
              />
            </form>
          ) : (
            <button
              type="button"
              onClick={reveal}
              disabled={isChecking}
              className={
                "flex h-12 w-full items-center justify-center gap-2 rounded-lg bg-accent " +
                "font-medium text-accent-fg hover:opacity-90 disabled:opacity-60"
              }
            >
              {question.kind === "predict" ? "Check my prediction" : answer ? "Check answer" : "Show answer"}{" "}
              <kbd className="hidden rounded border border-white/30 px-1.5 text-xs sm:inline">Space</kbd>
            </button>
          )}
        </div>
        {error ? (
          <p role="alert" className="px-5 pb-4 text-sm text-danger">
            {error}
          </p>
        ) : null}
      </article>
      {flag ? <CardToolbar onUndo={undo} onBury={() => flag("bury")} onSuspend={() => flag("suspend")} /> : null}
    </div>
  );
}
