// Per-node counts of pods matching a (namespace, selector) pair: PodTopologySpread's
// countPodsMatchSelector for every node, memoised so a scheduling cycle reads an array instead of
// matching every pod in the cluster. assumePod keeps the memo current with copy-on-write.
import { selectorMatches, type Selector } from "@/lib/sim/k8s/labels";
import type { PodInfo } from "@/lib/sim/scheduler/pod-info";
import type { Snapshot } from "@/lib/sim/scheduler/snapshot";

export type SelectorCounts = { namespace: string; selector: Selector; counts: Int32Array };

function podCounts(pod: PodInfo, entry: SelectorCounts): boolean {
  // countPodsMatchSelector (podtopologyspread/common.go): same namespace, not terminating.
  return !pod.pod.terminating && pod.pod.namespace === entry.namespace && selectorMatches(entry.selector, pod.pod.labels);
}

/** Counts per node, computed once per snapshot lineage. The memo write is invisible to callers. */
export function selectorCountsFor(snapshot: Snapshot, selector: Selector, namespace: string): Int32Array {
  const key = `${namespace}\u0000${JSON.stringify(selector)}`;
  const cached = snapshot.selectorCounts.get(key);
  if (cached) return cached.counts;
  const entry: SelectorCounts = { namespace, selector, counts: new Int32Array(snapshot.nodes.length) };
  for (const info of snapshot.nodes) {
    let count = 0;
    for (const pod of info.pods) if (podCounts(pod, entry)) count++;
    entry.counts[info.index] = count;
  }
  snapshot.selectorCounts.set(key, entry);
  return entry.counts;
}

/** The memo after `pod` lands on node `index`: only entries the pod matches are copied. Pure. */
export function refreshSelectorCounts(memo: Map<string, SelectorCounts>, pod: PodInfo, index: number): Map<string, SelectorCounts> {
  const next = new Map<string, SelectorCounts>();
  for (const [key, entry] of memo) {
    if (!podCounts(pod, entry)) {
      next.set(key, entry);
      continue;
    }
    const counts = entry.counts.slice();
    counts[index] = (counts[index] ?? 0) + 1;
    next.set(key, { ...entry, counts });
  }
  return next;
}
