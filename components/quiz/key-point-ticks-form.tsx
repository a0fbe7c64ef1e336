"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/submit-button";
import type { InterviewTicks } from "@/lib/data/interview-view";
import { FormAlert } from "./form-alert";
import type { InterviewStepFormProps } from "./interview-step";

type Props = InterviewStepFormProps & { ticks: InterviewTicks; legend: string };

/**
 * The key points beside the learner's answer: they tick the ones it covered. Points whose words
 * the answer shares are ticked in advance and marked as a hint; the learner's ticks are what count.
 */
export function KeyPointTicksForm({ action, quizId, position, ticks, legend }: Props) {
  const [state, formAction, isPending] = useActionState(action, null);
  const hinted = new Set(ticks.hinted);
  return (
    <form action={formAction} className="space-y-4">
      <input type="hidden" name="quizId" value={quizId} />
      <input type="hidden" name="position" value={position} />
      <div className="rounded-lg bg-surface-2 p-3 text-sm">
        <p className="mb-1 text-xs font-semibold uppercase tracking-wider text-muted">Your answer</p>
        {ticks.typedAnswer === null ? (
          <p className="text-muted">(skipped)</p>
        ) : (
          <p className="whitespace-pre-wrap break-words">{ticks.typedAnswer}</p>
        )}
      </div>
      <fieldset className="space-y-2">
        <legend className="mb-1 font-semibold">{legend}</legend>
        {hinted.size > 0 ? (
          <p className="text-xs text-muted">
            <span className="rounded bg-accent-soft px-1.5 py-0.5 font-medium text-accent">hint</span> ticked in
            advance: your answer shares at least half of that point&rsquo;s key words. Untick what you did not really
            say.
          </p>
        ) : null}
        {ticks.keyPoints.map((point, index) => (
          <label
            key={index}
            className={
              "flex cursor-pointer items-start gap-3 rounded-lg border border-line " +
              "p-3 has-[:checked]:border-accent has-[:checked]:bg-accent-soft"
            }
          >
            <input
              type="checkbox"
              name="ticks"
              value={index}
              defaultChecked={hinted.has(index)}
              className="mt-1 size-4 shrink-0 accent-[var(--accent)]"
            />
            <span className="prose-card min-w-0 flex-1">
              <span dangerouslySetInnerHTML={{ __html: point.html }} />
              {hinted.has(index) ? (
                <span className="ml-2 rounded bg-accent-soft px-1.5 py-0.5 text-xs font-medium text-accent">hint</span>
              ) : null}
            </span>
          </label>
        ))}
      </fieldset>
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton isPending={isPending} size="large">
          Next
        </SubmitButton>
        <FormAlert message={state?.message} />
      </div>
    </form>
  );
}
