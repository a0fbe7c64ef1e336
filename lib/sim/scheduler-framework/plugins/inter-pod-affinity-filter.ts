// InterPodAffinity filtering (plugins/interpodaffinity/filtering.go): PreFilter counts, per topology
// pair, existing pods whose required anti-affinity matches the pod and existing pods matching the
// pod's required (anti-)affinity terms; Filter checks the node's pairs against those counts.
import type { LabelSet } from "@/lib/sim/objects/labels";
import { affinityTermMatches, type AffinityTerm, type PodInfo } from "@/lib/sim/scheduler-framework/pod-info";
import type { NodeInfo } from "@/lib/sim/scheduler-framework/snapshot";
import type { CycleContext, PluginImpl, PreFilterOutcome, Status } from "@/lib/sim/scheduler-framework/types";

const ERR_REASON_EXISTING_ANTI_AFFINITY = "node(s) didn't satisfy existing pods anti-affinity rules";
const ERR_REASON_AFFINITY = "node(s) didn't match pod affinity rules";
const ERR_REASON_ANTI_AFFINITY = "node(s) didn't match pod anti-affinity rules";

/** Counts keyed by "topologyKey\0value". */
type PairCounts = Map<string, number>;

type FilterState = { existingAnti: PairCounts; affinity: PairCounts; anti: PairCounts };

function pair(key: string, value: string): string {
  return `${key}\u0000${value}`;
}

function bump(counts: PairCounts, labels: LabelSet, topologyKey: string): void {
  const value = labels[topologyKey];
  if (value !== undefined) counts.set(pair(topologyKey, value), (counts.get(pair(topologyKey, value)) ?? 0) + 1);
}

/** podMatchesAllAffinityTerms: false for no terms. Pure. */
function podMatchesAllTerms(terms: AffinityTerm[], pod: PodInfo): boolean {
  return terms.length > 0 && terms.every((term) => affinityTermMatches(term, pod.pod));
}

function computeState(ctx: CycleContext): FilterState {
  const incoming = ctx.pod;
  const state: FilterState = { existingAnti: new Map(), affinity: new Map(), anti: new Map() };
  const hasTerms = incoming.requiredAffinityTerms.length > 0 || incoming.requiredAntiAffinityTerms.length > 0;
  for (const index of ctx.snapshot.nodesWithRequiredAntiAffinity) {
    const node = ctx.snapshot.nodes[index];
    for (const existing of node?.podsWithRequiredAntiAffinity ?? []) {
      for (const term of existing.requiredAntiAffinityTerms)
        if (node && affinityTermMatches(term, incoming.pod))
          bump(state.existingAnti, node.node.metadata.labels, term.topologyKey);
    }
  }
  if (!hasTerms) return state;
  for (const node of ctx.snapshot.nodes) {
    const labels = node.node.metadata.labels;
    for (const existing of node.pods) {
      if (podMatchesAllTerms(incoming.requiredAffinityTerms, existing))
        for (const term of incoming.requiredAffinityTerms) bump(state.affinity, labels, term.topologyKey);
      for (const term of incoming.requiredAntiAffinityTerms)
        if (affinityTermMatches(term, existing.pod)) bump(state.anti, labels, term.topologyKey);
    }
  }
  return state;
}

function satisfiesPodAffinity(ctx: CycleContext, state: FilterState, node: NodeInfo): boolean {
  let podsExist = true;
  for (const term of ctx.pod.requiredAffinityTerms) {
    const value = node.node.metadata.labels[term.topologyKey];
    if (value === undefined) return false;
    if ((state.affinity.get(pair(term.topologyKey, value)) ?? 0) <= 0) podsExist = false;
  }
  // The first pod of a group with affinity to itself may go anywhere with the topology labels.
  return podsExist || (state.affinity.size === 0 && podMatchesAllTerms(ctx.pod.requiredAffinityTerms, ctx.pod));
}

function satisfiesPodAntiAffinity(ctx: CycleContext, state: FilterState, node: NodeInfo): boolean {
  if (state.anti.size === 0) return true;
  return ctx.pod.requiredAntiAffinityTerms.every((term) => {
    const value = node.node.metadata.labels[term.topologyKey];
    return value === undefined || (state.anti.get(pair(term.topologyKey, value)) ?? 0) <= 0;
  });
}

function satisfiesExistingAntiAffinity(state: FilterState, node: NodeInfo): boolean {
  if (state.existingAnti.size === 0) return true;
  return Object.entries(node.node.metadata.labels).every(
    ([key, value]) => (state.existingAnti.get(pair(key, value)) ?? 0) <= 0,
  );
}

export const interPodAffinityFilter: Pick<PluginImpl, "preFilter" | "filter"> = {
  preFilter(ctx): PreFilterOutcome {
    const state = computeState(ctx);
    if (
      state.existingAnti.size === 0 &&
      ctx.pod.requiredAffinityTerms.length === 0 &&
      ctx.pod.requiredAntiAffinityTerms.length === 0
    )
      return { kind: "skip" };
    ctx.state.set("PreFilterInterPodAffinity", state);
    return { kind: "ok", nodeNames: null };
  },
  filter(ctx, node): Status | null {
    const state = (ctx.state.get("PreFilterInterPodAffinity") as FilterState | undefined) ?? computeState(ctx);
    if (!satisfiesPodAffinity(ctx, state, node))
      return { code: "UnschedulableAndUnresolvable", reasons: [ERR_REASON_AFFINITY] };
    if (!satisfiesPodAntiAffinity(ctx, state, node))
      return { code: "Unschedulable", reasons: [ERR_REASON_ANTI_AFFINITY] };
    if (!satisfiesExistingAntiAffinity(state, node))
      return { code: "Unschedulable", reasons: [ERR_REASON_EXISTING_ANTI_AFFINITY] };
    return null;
  },
};
