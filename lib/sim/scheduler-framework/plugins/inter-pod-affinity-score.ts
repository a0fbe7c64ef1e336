// InterPodAffinity scoring (plugins/interpodaffinity/scoring.go): per topology pair, + the weight of
// the pod's preferred affinity terms matched by existing pods, − for anti-affinity, plus the existing
// pods' own preferred terms that match the pod and their required affinity terms at
// hardPodAffinityWeight. Normalised as 100 × (s − min) / (max − min) in float, truncated.
import type { Pod } from "@/lib/sim/objects/core";
import { affinityTermMatches, type AffinityTerm, type PodInfo } from "@/lib/sim/scheduler-framework/pod-info";
import type { NodeInfo } from "@/lib/sim/scheduler-framework/snapshot";
import { MAX_NODE_SCORE, type CycleContext, type PluginImpl } from "@/lib/sim/scheduler-framework/types";

/** topologyKey → topology value → score. */
type TopologyScore = Map<string, Map<string, number>>;

function processTerm(
  scores: TopologyScore,
  term: AffinityTerm,
  weight: number,
  pod: Pod,
  node: NodeInfo,
  multiplier: number,
): void {
  if (!affinityTermMatches(term, pod)) return;
  const value = node.node.metadata.labels[term.topologyKey];
  if (value === undefined) return;
  let byValue = scores.get(term.topologyKey);
  if (!byValue) scores.set(term.topologyKey, (byValue = new Map()));
  byValue.set(value, (byValue.get(value) ?? 0) + weight * multiplier);
}

function processExistingPod(ctx: CycleContext, scores: TopologyScore, existing: PodInfo, node: NodeInfo): void {
  if (Object.keys(node.node.metadata.labels).length === 0) return;
  const incoming = ctx.pod;
  for (const term of incoming.preferredAffinityTerms) processTerm(scores, term, term.weight, existing.pod, node, 1);
  for (const term of incoming.preferredAntiAffinityTerms)
    processTerm(scores, term, term.weight, existing.pod, node, -1);
  const hardWeight = ctx.args.interPodAffinity.hardPodAffinityWeight;
  if (hardWeight > 0)
    for (const term of existing.requiredAffinityTerms) processTerm(scores, term, hardWeight, incoming.pod, node, 1);
  for (const term of existing.preferredAffinityTerms) processTerm(scores, term, term.weight, incoming.pod, node, 1);
  for (const term of existing.preferredAntiAffinityTerms)
    processTerm(scores, term, term.weight, incoming.pod, node, -1);
}

export const interPodAffinityScore: Pick<PluginImpl, "preScore" | "score" | "normalize"> = {
  preScore(ctx) {
    const hasConstraints = ctx.pod.preferredAffinityTerms.length > 0 || ctx.pod.preferredAntiAffinityTerms.length > 0;
    if (ctx.args.interPodAffinity.ignorePreferredTermsOfExistingPods && !hasConstraints) return "skip";
    const scores: TopologyScore = new Map();
    // Unless the pod has preferred terms, only nodes hosting pods with affinity matter.
    const nodes = hasConstraints
      ? ctx.snapshot.nodes
      : ctx.snapshot.nodesWithAffinity.flatMap((i) => ctx.snapshot.nodes[i] ?? []);
    for (const node of nodes) {
      const pods = hasConstraints ? node.pods : node.podsWithAffinity;
      for (const existing of pods) processExistingPod(ctx, scores, existing, node);
    }
    // No node contributed a topology score: nothing to score (PreScore returns Skip).
    if (scores.size === 0) return "skip";
    ctx.state.set("PreScoreInterPodAffinity", scores);
    return "ok";
  },
  score(ctx, node) {
    const scores =
      (ctx.state.get("PreScoreInterPodAffinity") as TopologyScore | undefined) ??
      new Map<string, Map<string, number>>();
    let score = 0;
    for (const [key, byValue] of scores) {
      const value = node.node.metadata.labels[key];
      if (value !== undefined) score += byValue.get(value) ?? 0;
    }
    return score;
  },
  normalize(_ctx, scores) {
    if (scores.length === 0) return;
    const min = Math.min(...scores);
    const diff = Math.max(...scores) - min;
    for (let i = 0; i < scores.length; i++) {
      scores[i] = diff > 0 ? Math.trunc(MAX_NODE_SCORE * (((scores[i] ?? 0) - min) / diff)) : 0;
    }
  },
};
