"use client";

import type { ClaimResult, TraceEvent } from "@/lib/sim";
import { Verdict } from "./claims-checklist";
import { formatClock } from "./timeline";

/**
 * What the learner predicted before this replay (a predict card's choice), whether it was right, and when the run
 * decided it.
 */
export type Prediction = { guess: string; answer: string; isCorrect: boolean; at: number };

type Props = {
  claim: ClaimResult;
  /** The card's claim (true), or just the next claim the playhead reaches. */
  isFocused: boolean;
  decidingEvent: TraceEvent | undefined;
  isReached: boolean;
  prediction: Prediction | null;
  /** The playhead has reached the moment that decides the prediction. */
  isPredictionSettled: boolean;
  onFollow: (claim: ClaimResult) => void;
};

/** The claim in focus, on the stage: its verdict once the playhead settles it, and the event that did. */
export function FocusPanel({
  claim,
  isFocused,
  decidingEvent,
  isReached,
  prediction,
  isPredictionSettled,
  onFollow,
}: Props) {
  return (
    <section
      aria-label="The claim in focus"
      className="flex min-w-0 gap-2 rounded-lg border border-line bg-surface-2/60 px-3 py-2 text-sm"
    >
      <Verdict claim={claim} isReached={isReached} />
      <div className="min-w-0 flex-1">
        <p className="line-clamp-2">
          <span className="text-muted">{isFocused ? "This card's claim: " : "Next claim: "}</span>
          {claim.text}
        </p>
        {prediction ? (
          <p className="text-xs" data-testid="prediction">
            You predicted <strong>{prediction.guess}</strong>
            {isPredictionSettled ? (
              <span className={prediction.isCorrect ? "text-ok" : "text-danger"}>
                {" "}
                · the simulation: <strong>{prediction.answer}</strong> {prediction.isCorrect ? "✓" : "✗"}
              </span>
            ) : null}
          </p>
        ) : null}
        {isReached && decidingEvent ? (
          <p className="line-clamp-2 text-xs text-muted" data-testid="deciding-event">
            <span className="font-mono tabular-nums">{formatClock(decidingEvent.t)}</span> {decidingEvent.message}
          </p>
        ) : (
          <button type="button" onClick={() => onFollow(claim)} className="text-xs text-accent hover:underline">
            Not reached yet · play to the moment that settles it
          </button>
        )}
      </div>
    </section>
  );
}
