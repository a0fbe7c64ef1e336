// Leader-side flow control for one follower (etcd-io/raft tracker/progress.go), as pure updates that
// return a new Progress. Inflight windows are not modelled: in replicate state the leader streams.
import type { Progress } from "./types";

/**
 * A Progress with some fields replaced, built field by field: every Progress then has one hidden
 * class, where object spreads made V8 clone through a polymorphic path on the hottest Raft code.
 * The hottest updates use the helpers below instead, which take no options object.
 */
export function updated(pr: Progress, c: Partial<Progress>): Progress {
  return {
    match: c.match ?? pr.match,
    next: c.next ?? pr.next,
    state: c.state ?? pr.state,
    paused: c.paused ?? pr.paused,
    recentActive: c.recentActive ?? pr.recentActive,
    sentCommit: c.sentCommit ?? pr.sentCommit,
  };
}

/**
 * `pr` heard from (recentActive), and with `unpause` also no longer paused: the same object when
 * that changes nothing, as on most heartbeat and append answers (Progress values are immutable).
 */
export function markActive(pr: Progress, unpause: boolean): Progress {
  if (pr.recentActive && !(unpause && pr.paused)) return pr;
  return {
    match: pr.match,
    next: pr.next,
    state: pr.state,
    paused: unpause ? false : pr.paused,
    recentActive: true,
    sentCommit: pr.sentCommit,
  };
}

/**
 * Progress.SentEntries (replicate streams ahead: next moves past the entries sent; a probe waits for
 * its answer: paused) with `commit` recorded as the commit index sent along, as one new Progress.
 */
export function sentAppend(pr: Progress, count: number, commit: number): Progress {
  const replicate = pr.state === "replicate";
  const next = count > 0 && replicate ? pr.next + count : pr.next;
  const paused = count > 0 && !replicate ? true : pr.paused;
  return { match: pr.match, next, state: pr.state, paused, recentActive: pr.recentActive, sentCommit: commit };
}

/** `pr` with another sentCommit. */
export function withSentCommit(pr: Progress, sentCommit: number): Progress {
  return {
    match: pr.match,
    next: pr.next,
    state: pr.state,
    paused: pr.paused,
    recentActive: pr.recentActive,
    sentCommit,
  };
}

export function newProgress(next: number, match: number): Progress {
  return { match, next, state: "probe", paused: false, recentActive: false, sentCommit: 0 };
}

/** Progress.MaybeUpdate: records an acknowledgement of `n`; null when it is not news. */
export function maybeUpdate(pr: Progress, n: number): Progress | null {
  if (n <= pr.match) return null;
  return updated(pr, { match: n, next: Math.max(pr.next, n + 1), paused: false });
}

/**
 * Progress.MaybeDecrTo: handles a rejection of the MsgApp anchored at `rejected`; null when stale.
 * A genuine rejection lowers next and, with it, sentCommit: a commit index sent beyond the new
 * next-1 was likely never applied, so CanBumpCommit must allow sending it again.
 */
export function maybeDecrTo(pr: Progress, rejected: number, matchHint: number): Progress | null {
  if (pr.state === "replicate") {
    if (rejected <= pr.match) return null;
    const next = pr.match + 1;
    return updated(pr, { next, sentCommit: Math.min(pr.sentCommit, next - 1) });
  }
  if (pr.next - 1 !== rejected) return null;
  const next = Math.max(Math.min(rejected, matchHint + 1), pr.match + 1);
  return updated(pr, { next, sentCommit: Math.min(pr.sentCommit, next - 1), paused: false });
}

export function becomeProbe(pr: Progress): Progress {
  return updated(pr, {
    state: "probe",
    paused: false,
    next: pr.match + 1,
    sentCommit: Math.min(pr.sentCommit, pr.match),
  });
}

export function becomeReplicate(pr: Progress): Progress {
  return updated(pr, { state: "replicate", paused: false, next: pr.match + 1 });
}

/** Progress.CanBumpCommit: sending `commit` could still advance the follower's commit index. */
export function canBumpCommit(pr: Progress, commit: number): boolean {
  return commit > pr.sentCommit && pr.sentCommit < pr.next - 1;
}
