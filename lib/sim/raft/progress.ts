// Leader-side flow control for one follower (etcd-io/raft tracker/progress.go), as pure updates that
// return a new Progress. Inflight windows are not modelled: in replicate state the leader streams.
import type { Progress } from "./types";

export function newProgress(next: number, match: number): Progress {
  return { match, next, state: "probe", paused: false, recentActive: false, sentCommit: 0 };
}

/** Progress.MaybeUpdate: records an acknowledgement of `n`; null when it is not news. */
export function maybeUpdate(pr: Progress, n: number): Progress | null {
  if (n <= pr.match) return null;
  return { ...pr, match: n, next: Math.max(pr.next, n + 1), paused: false };
}

/** Progress.MaybeDecrTo: handles a rejection of the MsgApp anchored at `rejected`; null when stale. */
export function maybeDecrTo(pr: Progress, rejected: number, matchHint: number): Progress | null {
  if (pr.state === "replicate") {
    if (rejected <= pr.match) return null;
    return { ...pr, next: pr.match + 1 };
  }
  if (pr.next - 1 !== rejected) return null;
  return { ...pr, next: Math.max(Math.min(rejected, matchHint + 1), pr.match + 1), paused: false };
}

export function becomeProbe(pr: Progress): Progress {
  return { ...pr, state: "probe", paused: false, next: pr.match + 1, sentCommit: Math.min(pr.sentCommit, pr.match) };
}

export function becomeReplicate(pr: Progress): Progress {
  return { ...pr, state: "replicate", paused: false, next: pr.match + 1 };
}

/** Progress.SentEntries: replicate streams ahead; a probe waits for its answer. */
export function sentEntries(pr: Progress, count: number): Progress {
  if (count === 0) return pr;
  return pr.state === "replicate" ? { ...pr, next: pr.next + count } : { ...pr, paused: true };
}

/** Progress.CanBumpCommit: sending `commit` could still advance the follower's commit index. */
export function canBumpCommit(pr: Progress, commit: number): boolean {
  return commit > pr.sentCommit && pr.sentCommit < pr.next - 1;
}
