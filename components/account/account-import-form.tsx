"use client";

import { useActionState } from "react";
import { Field, fileInputClass } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { RefusedFileAlert } from "./refused-file-alert";
import type { RestoredCounts } from "@/lib/validations/account";
import type { AccountImportState } from "@/lib/validations/account";

const plural = (count: number, one: string, many = `${one}s`) =>
  `${count.toLocaleString("en-US")} ${count === 1 ? one : many}`;

/** "2 decks with 14 cards, 40 card states, …": what a restore brought back, nothing it did not. */
function describeRestored(restored: RestoredCounts): string {
  const parts = [
    `${plural(restored.decks, "deck")} with ${plural(restored.cards, "card")}`,
    plural(restored.cardStates, "card state"),
    plural(restored.reviews, "review"),
    plural(restored.quizzes, "quiz", "quizzes"),
    plural(restored.replayViews, "replay viewed", "replays viewed"),
    `limits for ${plural(restored.deckLimits, "deck")}`,
  ];
  return `${parts.join(", ")}${restored.hasSettings ? ", and your settings" : ""}`;
}

type Props = { action: (state: AccountImportState, formData: FormData) => Promise<AccountImportState> };

/** Upload an account file; the result says what came back or, for a refused file, every problem in it. */
export function AccountImportForm({ action }: Props) {
  const [state, formAction, isPending] = useActionState(action, null);
  return (
    <div className="space-y-4">
      <form action={formAction} className="flex flex-wrap items-end gap-3">
        <Field
          id="account-file"
          label="Account export (.json.gz or .json)"
          hasErrorRegion={false}
          className="min-w-64 flex-1 space-y-1.5"
        >
          <input
            id="account-file"
            name="file"
            type="file"
            accept=".gz,.json,application/gzip,application/json"
            required
            className={fileInputClass}
          />
        </Field>
        <SubmitButton isPending={isPending}>{isPending ? "Restoring…" : "Restore account"}</SubmitButton>
      </form>
      <div aria-live="polite">
        {state?.ok ? (
          <p role="status" className="text-sm">
            Restored {describeRestored(state.restored)}.
          </p>
        ) : null}
        {state && !state.ok ? <RefusedFileAlert message={state.message} problems={state.problems} /> : null}
      </div>
    </div>
  );
}
