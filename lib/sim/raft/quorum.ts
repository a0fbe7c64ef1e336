// Majority-quorum arithmetic, after etcd-io/raft's quorum/majority.go. Pure functions only.

/** Votes needed out of `n` voters: floor(n/2) + 1. */
export function majority(n: number): number {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`majority of ${n} voters`);
  return Math.floor(n / 2) + 1;
}

/** How many voters may fail while a majority remains: floor((n-1)/2). */
export function faultTolerance(n: number): number {
  return n - majority(n);
}

/** True when `up` live voters out of `n` still form a majority. */
export function hasQuorum(n: number, up: number): boolean {
  return up >= majority(n);
}

/**
 * The largest index replicated on a majority (MajorityConfig.CommittedIndex): sort the match indexes
 * in descending order and take the one at position majority-1.
 */
export function committedIndex(matches: readonly number[]): number {
  if (matches.length === 0) return 0;
  // Insertion sort, descending: n is at most 7 and this runs on every append acknowledgement.
  const sorted = matches.slice();
  for (let i = 1; i < sorted.length; i++) {
    const x = sorted[i]!;
    let j = i - 1;
    while (j >= 0 && sorted[j]! < x) {
      sorted[j + 1] = sorted[j]!;
      j--;
    }
    sorted[j + 1] = x;
  }
  return sorted[majority(matches.length) - 1] ?? 0;
}

type VoteResult = "won" | "lost" | "pending";

/** MajorityConfig.VoteResult: won with a majority of grants, lost once a majority can no longer grant. */
export function voteResult(voters: readonly number[], votes: Readonly<Record<number, boolean>>): VoteResult {
  let granted = 0;
  let missing = 0;
  for (const id of voters) {
    const v = votes[id];
    if (v === undefined) missing++;
    else if (v) granted++;
  }
  const q = majority(voters.length);
  if (granted >= q) return "won";
  if (granted + missing >= q) return "pending";
  return "lost";
}
