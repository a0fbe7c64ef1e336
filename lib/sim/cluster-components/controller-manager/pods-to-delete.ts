// Which pods a ReplicaSet deletes when it has too many: getPodsToDelete and
// getPodsRankedByRelatedPodsOnSameNode (pkg/controller/replicaset/replica_set.go) sort the active
// pods with ActivePodsWithRanks.Less (pkg/controller/controller_utils.go) and delete from the front.
// Each rule is consulted only when every earlier one ties:
//   1. unassigned before assigned;  2. Pending before Unknown before Running;  3. not Ready before Ready;
//   4. lower controller.kubernetes.io/pod-deletion-cost first (PodDeletionCost, on by default);
//   5. higher rank first: more active pods of the same Deployment's ReplicaSets on the pod's node;
//   6. both Ready: Ready for less time first;  7. more container restarts first;  8. newer first.
// LogarithmicScaleDown (GA in 1.31) compares 6 and 8 in power-of-two buckets of the age in
// nanoseconds; two pods in the same bucket are ordered by UID (pseudorandom upstream, where UIDs
// are random; the sim's are sequential, so the order is deterministic). Timestamps are compared at
// the whole seconds metav1.Time keeps. A final tie keeps the informer's order (by name): Go's
// sort.Sort is not stable, so upstream leaves that order unspecified.
import { condition, podReady } from "../../objects/helpers";
import type { Pod } from "../../objects/core";

/**
 * A candidate and its rank: the active pods on its node of every ReplicaSet with the same controller
 * (in the sim always a Deployment, so the trace says "of the Deployment").
 */
type RankedPod = { pod: Pod; rank: number };

const PHASE_ORDINAL: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };
const DELETION_COST = "controller.kubernetes.io/pod-deletion-cost";

type Rule = {
  /** Negative: `a` goes first; positive: `b` goes first; zero: the next rule decides. */
  compare: (a: RankedPod, b: RankedPod, now: number) => number;
  /** Why `a` went before `b`, for the trace (a phrase after "because"). */
  why: (a: RankedPod, b: RankedPod) => string;
};

/** metav1.Time serializes whole seconds: the time the controller's informer sees. Pure. */
function wholeSeconds(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

/** int64(math.Log2(d)) for a duration in nanoseconds, -1 when it is not positive. Pure. */
function log2Bucket(ageMs: number): number {
  let n = ageMs * 1_000_000;
  let bucket = -1;
  while (n >= 1) {
    n = Math.floor(n / 2);
    bucket++;
  }
  return bucket;
}

/** logarithmicRankDiff, then the UID when both fall in one bucket: negative puts `a` first. Pure. */
function compareRecent(a: RankedPod, b: RankedPod, ta: number, tb: number, now: number): number {
  if (ta === tb) return 0;
  const diff = log2Bucket(now - ta) - log2Bucket(now - tb);
  if (diff !== 0) return diff;
  return a.pod.metadata.uid < b.pod.metadata.uid ? -1 : a.pod.metadata.uid > b.pod.metadata.uid ? 1 : 0;
}

function readyTime(p: Pod): number {
  return wholeSeconds(condition(p.status.conditions, "Ready")?.lastTransitionTime ?? 0);
}

function restarts(p: Pod): number {
  return Math.max(0, ...(p.status.containerStatuses ?? []).map((c) => c.restartCount));
}

/** GetDeletionCostFromPodAnnotations: an int32, 0 when absent or invalid (the error is ignored). */
function deletionCost(p: Pod): number {
  const raw = p.metadata.annotations?.[DELETION_COST];
  const cost = raw === undefined || !/^-?\d+$/.test(raw) ? 0 : Number(raw);
  return cost >= -(2 ** 31) && cost < 2 ** 31 ? cost : 0;
}

const byFlag = (x: boolean, y: boolean) => (x === y ? 0 : x ? -1 : 1);

const RULES: readonly Rule[] = [
  {
    compare: (a, b) => byFlag(a.pod.spec.nodeName === null, b.pod.spec.nodeName === null),
    why: () => "it is not scheduled to a node yet",
  },
  {
    compare: (a, b) => (PHASE_ORDINAL[a.pod.status.phase] ?? 0) - (PHASE_ORDINAL[b.pod.status.phase] ?? 0),
    why: (a) => `its phase is ${a.pod.status.phase}`,
  },
  { compare: (a, b) => byFlag(!podReady(a.pod), !podReady(b.pod)), why: () => "it is not Ready" },
  { compare: (a, b) => deletionCost(a.pod) - deletionCost(b.pod), why: () => `its ${DELETION_COST} is lower` },
  {
    compare: (a, b) => b.rank - a.rank,
    why: (a, b) =>
      `its node ${a.pod.spec.nodeName} runs more pods of the Deployment ` +
      `(${a.rank}, against ${b.rank} on ${b.pod.spec.nodeName})`,
  },
  {
    compare: (a, b, now) =>
      podReady(a.pod) && podReady(b.pod) ? compareRecent(a, b, readyTime(a.pod), readyTime(b.pod), now) : 0,
    why: () => "it has been Ready for less time (power-of-two buckets, then the UID)",
  },
  { compare: (a, b) => restarts(b.pod) - restarts(a.pod), why: () => "its containers restarted more often" },
  {
    compare: (a, b, now) =>
      compareRecent(
        a,
        b,
        wholeSeconds(a.pod.metadata.creationTimestamp),
        wholeSeconds(b.pod.metadata.creationTimestamp),
        now,
      ),
    why: () => "it is newer (power-of-two buckets of age, then the UID)",
  },
];

/** ActivePodsWithRanks.Less as a comparator: negative when `a` should be deleted first. Pure. */
function compareForDeletion(a: RankedPod, b: RankedPod, now: number): number {
  for (const rule of RULES) {
    const c = rule.compare(a, b, now);
    if (c !== 0) return c;
  }
  return 0;
}

/** The rule that put `doomed` before `kept`, in words. Pure. */
function deletionReason(doomed: RankedPod, kept: RankedPod, now: number): string {
  for (const rule of RULES) {
    const c = rule.compare(doomed, kept, now);
    if (c < 0) return rule.why(doomed, kept);
    if (c > 0) break;
  }
  return "it ties with the pods kept and comes first in the informer's order";
}

/**
 * getPodsToDelete: the `diff` pods to delete from `active` (this ReplicaSet's pods, sorted by name),
 * each with why it went before the first pod kept (null when all go: upstream does not sort then).
 * `related` are the pods of every ReplicaSet with the same controller (the Deployment). Pure.
 */
export function podsToDelete(
  active: readonly Pod[],
  related: readonly Pod[],
  diff: number,
  now: number,
): { pod: Pod; reason: string | null }[] {
  if (diff >= active.length) return active.map((pod) => ({ pod, reason: null }));
  const onNode = new Map<string, number>();
  for (const p of related) {
    if (p.metadata.deletionTimestamp !== null || p.status.phase === "Succeeded" || p.status.phase === "Failed")
      continue;
    const node = p.spec.nodeName ?? "";
    onNode.set(node, (onNode.get(node) ?? 0) + 1);
  }
  const ranked = active.map((pod) => ({ pod, rank: onNode.get(pod.spec.nodeName ?? "") ?? 0 }));
  ranked.sort((a, b) => compareForDeletion(a, b, now));
  const firstKept = ranked[diff]!;
  return ranked.slice(0, diff).map((r) => ({ pod: r.pod, reason: deletionReason(r, firstKept, now) }));
}
