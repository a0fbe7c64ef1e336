"use client";

import { useActionState } from "react";
import { inputClass } from "@/components/ui/field";
import type { FormMessageState } from "@/lib/validations/messages";

type Props = { deckId: string; action: (state: FormMessageState, formData: FormData) => Promise<FormMessageState> };

/** Custom study: raise today's new-card limit of this deck (Anki's "increase today's new card limit"). */
export function StudyMoreForm({ deckId, action }: Props) {
  const [state, formAction, isPending] = useActionState(action, null);
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-2" aria-label="Study more new cards">
      <input type="hidden" name="deckId" value={deckId} />
      <label htmlFor="extraNewCount" className="text-sm">
        Study
      </label>
      <input
        id="extraNewCount"
        name="count"
        type="number"
        min="1"
        max="999"
        defaultValue={10}
        className={`${inputClass} w-20`}
        aria-describedby="study-more-status"
      />
      <span className="text-sm">more new cards today</span>
      <button
        type="submit"
        disabled={isPending}
        className="rounded-md border border-line px-3 py-1.5 text-sm font-medium hover:bg-line/40"
      >
        Add
      </button>
      <p
        id="study-more-status"
        aria-live="polite"
        className={`w-full text-sm ${state && !state.ok ? "text-danger" : "text-muted"}`}
      >
        {state?.message}
      </p>
    </form>
  );
}
