// Per-node counts of pods matching a (namespace, selector) pair: PodTopologySpread's
// countPodsMatchSelector for every node, memoised so a scheduling cycle reads an array instead of
// matching every pod in the cluster. assumePod keeps the memo current with copy-on-write.
import { selectorMatches, type Selector } from "@/lib/sim/objects/labels";
import { isTerminating } from "@/lib/sim/objects/helpers";
import { namespaceOf, type PodInfo } from "@/lib/sim/scheduler-framework/pod-info";

export type SelectorCounts = {
  namespace: string;
  selector: Selector;
  counts: Int32Array;
  /** topologyKey → label value ("" when a node lacks the key) → Σ counts over every node. */
  domainSums: Map<string, Map<string, number>>;
};

/** What the counts read of a scheduler Snapshot (snapshot.ts), which holds the memo. */
type CountedNodes = {
  nodes: readonly { index: number; pods: readonly PodInfo[]; node: { metadata: { labels: Record<string, string> } } }[];
  selectorCounts: Map<string, SelectorCounts>;
};

function podCounts(pod: PodInfo, entry: SelectorCounts): boolean {
  // countPodsMatchSelector (podtopologyspread/common.go): same namespace, not terminating.
  return (
    !isTerminating(pod.pod) &&
    namespaceOf(pod.pod) === entry.namespace &&
    selectorMatches(entry.selector, pod.pod.metadata.labels)
  );
}

/** Counts per node, computed once per snapshot lineage. The memo write is invisible to callers. */
export function selectorCountsFor(snapshot: CountedNodes, selector: Selector, namespace: string): Int32Array {
  const key = `${namespace}\u0000${JSON.stringify(selector)}`;
  const cached = snapshot.selectorCounts.get(key);
  if (cached) return cached.counts;
  const entry: SelectorCounts = {
    namespace,
    selector,
    counts: new Int32Array(snapshot.nodes.length),
    domainSums: new Map(),
  };
  for (const info of snapshot.nodes) {
    let count = 0;
    for (const pod of info.pods) if (podCounts(pod, entry)) count++;
    entry.counts[info.index] = count;
  }
  snapshot.selectorCounts.set(key, entry);
  return entry.counts;
}

/** Σ of the counts per value of `topologyKey` over all nodes (a node without the key counts under ""). */
export function domainSumsFor(
  snapshot: CountedNodes,
  selector: Selector,
  namespace: string,
  topologyKey: string,
): Map<string, number> {
  const counts = selectorCountsFor(snapshot, selector, namespace);
  const entry = snapshot.selectorCounts.get(`${namespace}\u0000${JSON.stringify(selector)}`);
  const cached = entry?.domainSums.get(topologyKey);
  if (cached) return cached;
  const sums = new Map<string, number>();
  for (const info of snapshot.nodes) {
    const value = info.node.metadata.labels[topologyKey] ?? "";
    sums.set(value, (sums.get(value) ?? 0) + (counts[info.index] ?? 0));
  }
  entry?.domainSums.set(topologyKey, sums);
  return sums;
}

/** The memo after `pod` lands on node `index`: only entries the pod matches are copied. Pure. */
export function refreshSelectorCounts(
  memo: Map<string, SelectorCounts>,
  pod: PodInfo,
  index: number,
  labels: Record<string, string>,
): Map<string, SelectorCounts> {
  const next = new Map<string, SelectorCounts>();
  for (const [key, entry] of memo) {
    if (!podCounts(pod, entry)) {
      next.set(key, entry);
      continue;
    }
    const counts = entry.counts.slice();
    counts[index] = (counts[index] ?? 0) + 1;
    const domainSums = new Map<string, Map<string, number>>();
    for (const [topologyKey, sums] of entry.domainSums) {
      const value = labels[topologyKey] ?? "";
      domainSums.set(topologyKey, new Map(sums).set(value, (sums.get(value) ?? 0) + 1));
    }
    next.set(key, { ...entry, counts, domainSums });
  }
  return next;
}
