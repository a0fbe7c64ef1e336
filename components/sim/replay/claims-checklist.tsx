"use client";

import type { ClaimResult } from "@/lib/sim";

type Props = { claims: readonly ClaimResult[]; seq: number; onEvidence: (claim: ClaimResult) => void };

/** The scenario's claims, each checked against the trace (✓/✗); choosing one jumps to its evidence. */
export function ClaimsChecklist({ claims, seq, onEvidence }: Props) {
  return (
    <ul className="space-y-2" aria-label="Claims">
      {claims.map((claim) => {
        const first = claim.evidence[0];
        const isReached = first === undefined || first <= seq;
        return (
          <li key={claim.id}>
            <button
              type="button"
              onClick={() => onEvidence(claim)}
              className={`flex w-full gap-3 rounded-lg border border-line p-3 text-left text-sm hover:border-accent ${isReached ? "bg-surface" : "border-dashed"}`}
              aria-label={`${claim.passed ? "Holds" : "Fails"}: ${claim.text}${first === undefined ? "" : " Show the evidence."}`}
            >
              <span className={`mt-0.5 text-base font-bold ${claim.passed ? "text-ok" : "text-danger"}`} aria-hidden="true">
                {claim.passed ? "✓" : "✗"}
              </span>
              <span className="space-y-1">
                <span className="block">{claim.text}</span>
                {claim.detail ? <span className="block text-xs text-muted">{claim.detail}</span> : null}
                <span className="block text-xs text-accent">
                  {first === undefined ? "Checked over the whole run" : isReached ? "Show the evidence" : "Evidence ahead: jump there"}
                </span>
              </span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
