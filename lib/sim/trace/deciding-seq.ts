// The deciding event of a claim: the evidence event with the largest seq, the moment the claim is
// settled. The replay keeps a claim's verdict hidden until the playhead has passed it. Pure.
import type { ClaimResult } from "./types";

/** The seq of `claim`'s deciding event, or -1 when it has no evidence (such a claim fails). */
export function decidingSeq(claim: Pick<ClaimResult, "evidence">): number {
  let max = -1;
  for (const seq of claim.evidence) if (seq > max) max = seq;
  return max;
}
