"use client";

import type { ScheduleState } from "@/lib/validations/schedule";

type Props = {
  seed: string;
  onSeedChange: (value: string) => void;
  seedErrors?: string[];
  isPending: boolean;
  errorMessage: string | null;
  shown: ScheduleState;
  /** The editors changed since the result below was computed. */
  isStale: boolean;
  announcement: string;
};

function statusText({
  isPending,
  errorMessage,
  shown,
  isStale,
  announcement,
}: Omit<Props, "seed" | "onSeedChange" | "seedErrors">): string {
  if (isPending) return "Scheduling…";
  if (errorMessage) return errorMessage;
  if (shown?.kind === "scheduled") {
    const outcome =
      shown.result.selectedNode === null
        ? "Pending: no node fits; see the reason below."
        : `Scheduled on ${shown.result.selectedNode}; the table below shows why.`;
    return isStale ? `${outcome} The editors have changed since: schedule again to update it.` : outcome;
  }
  return announcement;
}

/** The Schedule button, the tie-break seed, and one live status line for the result or the error. */
export function ScheduleBar(props: Props) {
  const { seed, onSeedChange, seedErrors, isPending, errorMessage } = props;
  const isSeedInvalid = (seedErrors?.length ?? 0) > 0;
  return (
    <div className="space-y-3 border-t border-line p-4 sm:p-5">
      <div className="flex flex-wrap items-end gap-x-4 gap-y-3">
        <div className="space-y-1.5">
          <label htmlFor="seed" className="block text-sm font-medium">
            Tie-break seed
          </label>
          <input
            id="seed"
            name="seed"
            value={seed}
            onChange={(event) => onSeedChange(event.target.value)}
            inputMode="numeric"
            autoComplete="off"
            aria-invalid={isSeedInvalid ? true : undefined}
            aria-describedby="seed-hint seed-error"
            className={
              "w-32 rounded-md border border-line bg-surface px-3 py-2 font-mono " +
              "text-sm aria-[invalid=true]:border-danger focus-visible:border-accent"
            }
          />
          <div id="seed-error" aria-live="polite" className="max-w-xs">
            {seedErrors?.map((error) => (
              <p key={error} className="text-xs text-danger">
                {error}
              </p>
            ))}
          </div>
        </div>
        <button
          type="submit"
          disabled={isPending}
          className={
            "rounded-md bg-accent px-6 py-2.5 text-sm font-medium " +
            "text-accent-fg hover:brightness-90 disabled:opacity-60"
          }
        >
          {isPending ? "Scheduling…" : "Schedule"}
        </button>
        <p id="seed-hint" className="basis-full text-xs text-muted sm:basis-auto sm:self-end sm:pb-3">
          The seed picks among tied nodes. Ctrl+Enter in an editor also schedules.
        </p>
      </div>
      <p
        role="status"
        data-testid="schedule-status"
        className={`text-sm ${errorMessage ? "font-medium text-danger" : "text-muted"}`}
      >
        {statusText(props)}
      </p>
    </div>
  );
}
