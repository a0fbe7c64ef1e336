"use client";

import { useActionState, useEffect, useId, useRef } from "react";
import { inputClass } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { typedAnswerLengthMax } from "@/lib/validations/interview";
import { FormAlert } from "./form-alert";
import type { InterviewStepFormProps } from "./interview-step";

type Props = InterviewStepFormProps & {
  label: string;
  /** Names the draft kept in this tab's sessionStorage while the learner types, so a reload keeps it. */
  draftKey: string;
};

/** The learner's typed answer to a question or a follow-up, or a skip. */
export function TypedAnswerForm({ action, quizId, position, label, draftKey }: Props) {
  const [state, formAction, isPending] = useActionState(action, null);
  const id = useId();
  const text = useRef<HTMLTextAreaElement>(null);
  const storageKey = `quorum-draft:${quizId}:${position}:${draftKey}`;
  useEffect(() => {
    const draft = sessionStorage.getItem(storageKey);
    if (draft && text.current && !text.current.value) text.current.value = draft;
  }, [storageKey]);
  return (
    <form action={formAction} className="space-y-3">
      <input type="hidden" name="quizId" value={quizId} />
      <input type="hidden" name="position" value={position} />
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <textarea
        ref={text}
        onChange={(event) => sessionStorage.setItem(storageKey, event.currentTarget.value)}
        id={id}
        name="text"
        rows={6}
        maxLength={typedAnswerLengthMax}
        autoFocus
        placeholder="Answer as you would aloud: what it is, how it works, what breaks."
        className={`${inputClass} text-base leading-relaxed`}
        aria-describedby={`${id}-error`}
      />
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton isPending={isPending} size="large" name="intent" value="answer">
          Submit answer
        </SubmitButton>
        <button
          type="submit"
          name="intent"
          value="skip"
          disabled={isPending}
          className="rounded-md border border-line px-4 py-2.5 text-sm text-muted hover:text-fg disabled:opacity-60"
        >
          Skip
        </button>
      </div>
      <FormAlert id={`${id}-error`} message={state?.message} />
    </form>
  );
}
