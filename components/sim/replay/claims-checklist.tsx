"use client";

import type { ClaimResult } from "@/lib/sim";

type Props = {
  claims: readonly ClaimResult[];
  /** The last event at the playhead: a claim's verdict shows once its deciding event is at or before it. */
  seq: number;
  /** The deciding event of each claim, by id. */
  deciding: Record<string, number>;
  isRevealed: boolean;
  onReveal: () => void;
  focusId: string | null;
  onFollow: (claim: ClaimResult) => void;
};

/**
 * The scenario's claims. A verdict (✓ holds / ✗ fails) stays hidden until the playhead reaches the
 * event that settles it, so a learner can predict first; "Reveal all" shows them at once.
 * Choosing a claim plays the replay to that event.
 */
export function ClaimsChecklist({ claims, seq, deciding, isRevealed, onReveal, focusId, onFollow }: Props) {
  const hidden = claims.filter((claim) => !isRevealed && (deciding[claim.id] ?? Infinity) > seq).length;
  return (
    <div className="space-y-2">
      <div className="flex items-center justify-between gap-2">
        <p className="text-sm text-muted">
          {hidden ? `${hidden} of ${claims.length} not reached yet: predict, then play.` : "Every claim is settled."}
        </p>
        {hidden ? (
          <button
            type="button"
            onClick={onReveal}
            className="rounded-md border border-line px-2 py-1 text-xs hover:border-accent"
          >
            Reveal all
          </button>
        ) : null}
      </div>
      <ul className="space-y-2" aria-label="Claims">
        {claims.map((claim) => {
          const isReached = isRevealed || (deciding[claim.id] ?? Infinity) <= seq;
          return (
            <li key={claim.id}>
              <button
                type="button"
                onClick={() => onFollow(claim)}
                aria-current={claim.id === focusId ? "true" : undefined}
                className={
                  "flex w-full gap-3 rounded-lg border p-3 text-left text-sm hover:border-accent " +
                  `${claim.id === focusId ? "border-accent" : "border-line"} ` +
                  `${isReached ? "bg-surface" : "border-dashed"}`
                }
                aria-label={
                  `${isReached ? (claim.passed ? "Holds" : "Fails") : "Not reached yet"}: ${claim.text} ` +
                  `${isReached ? "Show the moment that settles it." : "Play to the moment that settles it."}`
                }
              >
                <Verdict claim={claim} isReached={isReached} />
                <span className="space-y-1">
                  <span className="block">{claim.text}</span>
                  {isReached && claim.detail ? <span className="block text-xs text-muted">{claim.detail}</span> : null}
                  <span className="block text-xs text-accent">
                    {isReached ? "Show the moment that settles it" : "Not reached yet: play to it"}
                  </span>
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

export function Verdict({ claim, isReached }: { claim: ClaimResult; isReached: boolean }) {
  if (!isReached) {
    return (
      <span className="mt-0.5 text-base font-bold text-muted" aria-hidden="true">
        ?
      </span>
    );
  }
  return (
    <span className={`mt-0.5 text-base font-bold ${claim.passed ? "text-ok" : "text-danger"}`} aria-hidden="true">
      {claim.passed ? "✓" : "✗"}
    </span>
  );
}
