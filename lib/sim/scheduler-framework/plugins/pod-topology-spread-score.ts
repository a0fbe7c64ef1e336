// PodTopologySpread scoring (plugins/podtopologyspread/scoring.go): per ScheduleAnyway constraint,
// matching pods in the node's domain × log(#domains + 2) + (maxSkew − 1), summed and rounded;
// normalised inversely, 100 × (max + min − s) / max, so emptier domains score higher.
import { isEmptySelector } from "@/lib/sim/objects/labels";
import {
  HOSTNAME_LABEL,
  hasAllTopologyKeys,
  includesEveryNode,
  nodeIncluded,
  podSpreadConstraints,
  type SpreadConstraint,
} from "@/lib/sim/scheduler-framework/plugins/spread-constraints";
import { namespaceOf } from "@/lib/sim/scheduler-framework/pod-info";
import { divTrunc, roundHalfAwayFromZero } from "@/lib/sim/scheduler-framework/int-math";
import { domainSumsFor, selectorCountsFor } from "@/lib/sim/scheduler-framework/selector-counts";
import type { NodeInfo } from "@/lib/sim/scheduler-framework/snapshot";
import { MAX_NODE_SCORE, type CycleContext, type PluginImpl } from "@/lib/sim/scheduler-framework/types";

type ScoreState = {
  constraints: SpreadConstraint[];
  ignored: Set<string>;
  /** Per constraint: topology value → matching pods (hostname constraints count per node instead). */
  podCounts: Map<string, number>[];
  weights: number[];
  perNode: (Int32Array | null)[];
};

/** topologyNormalizingWeight: log(size + 2). */
function topologyNormalizingWeight(size: number): number {
  return Math.log(size + 2);
}

/** scoreForCount: cnt × weight + (maxSkew − 1). */
function scoreForCount(count: number, maxSkew: number, weight: number): number {
  return count * weight + (maxSkew - 1);
}

function initState(
  ctx: CycleContext,
  constraints: SpreadConstraint[],
  filtered: NodeInfo[],
  requireAll: boolean,
): ScoreState {
  const pod = ctx.pod.pod;
  const state: ScoreState = {
    constraints,
    ignored: new Set(),
    podCounts: constraints.map(() => new Map()),
    weights: [],
    perNode: [],
  };
  state.perNode = constraints.map((c) =>
    isEmptySelector(c.selector) ? null : selectorCountsFor(ctx.snapshot, c.selector, namespaceOf(pod)),
  );
  for (const info of filtered) {
    if (requireAll && !hasAllTopologyKeys(info.node, constraints)) {
      state.ignored.add(info.node.metadata.name);
      continue;
    }
    constraints.forEach((c, i) => {
      if (c.topologyKey !== HOSTNAME_LABEL) state.podCounts[i]?.set(info.node.metadata.labels[c.topologyKey] ?? "", 0);
    });
  }
  state.weights = constraints.map((c, i) =>
    topologyNormalizingWeight(
      c.topologyKey === HOSTNAME_LABEL ? filtered.length - state.ignored.size : (state.podCounts[i]?.size ?? 0),
    ),
  );
  return state;
}

function countAllNodes(ctx: CycleContext, state: ScoreState, requireAll: boolean): void {
  const pod = ctx.pod.pod;
  const everyNode = state.constraints.map((c) => includesEveryNode(c, pod));
  if (!requireAll && everyNode.every(Boolean)) return countFromDomainSums(ctx, state);
  // Hot loop over every node each cycle: plain indexed loops, no closures.
  for (const info of ctx.snapshot.nodes) {
    if (requireAll && !hasAllTopologyKeys(info.node, state.constraints)) continue;
    for (let i = 0; i < state.constraints.length; i++) {
      const c = state.constraints[i];
      const domains = state.podCounts[i];
      if (!c || !domains || c.topologyKey === HOSTNAME_LABEL) continue;
      if (!everyNode[i] && !nodeIncluded(c, pod, info.node)) continue;
      const value = info.node.metadata.labels[c.topologyKey] ?? "";
      const current = domains.get(value);
      // Only domains of candidate nodes are counted; hostname domains are counted in Score.
      if (current !== undefined) domains.set(value, current + (state.perNode[i]?.[info.index] ?? 0));
    }
  }
}

/** The same sums as countAllNodes when every node counts: read from the incremental memo. */
function countFromDomainSums(ctx: CycleContext, state: ScoreState): void {
  state.constraints.forEach((c, i) => {
    const domains = state.podCounts[i];
    if (!domains || c.topologyKey === HOSTNAME_LABEL || isEmptySelector(c.selector)) return;
    const sums = domainSumsFor(ctx.snapshot, c.selector, namespaceOf(ctx.pod.pod), c.topologyKey);
    for (const value of domains.keys()) domains.set(value, sums.get(value) ?? 0);
  });
}

export const podTopologySpreadScore: Pick<PluginImpl, "preScore" | "score" | "normalize"> = {
  preScore(ctx, filtered) {
    if (ctx.snapshot.nodes.length === 0) return "skip";
    const requireAll =
      (ctx.pod.pod.spec.topologySpreadConstraints ?? []).length > 0 || !ctx.args.podTopologySpread.systemDefaulted;
    const constraints = podSpreadConstraints(ctx, "ScheduleAnyway");
    if (constraints.length === 0) return "skip";
    const state = initState(ctx, constraints, filtered, requireAll);
    countAllNodes(ctx, state, requireAll);
    ctx.state.set("PreScorePodTopologySpread", state);
    return "ok";
  },
  score(ctx, node) {
    const state = ctx.state.get("PreScorePodTopologySpread") as ScoreState;
    if (state.ignored.size > 0 && state.ignored.has(node.node.metadata.name)) return 0;
    let score = 0;
    for (let i = 0; i < state.constraints.length; i++) {
      const c = state.constraints[i];
      const value = c === undefined ? undefined : node.node.metadata.labels[c.topologyKey];
      if (c === undefined || value === undefined) continue;
      const count =
        c.topologyKey === HOSTNAME_LABEL
          ? (state.perNode[i]?.[node.index] ?? 0)
          : (state.podCounts[i]?.get(value) ?? 0);
      score += scoreForCount(count, c.maxSkew, state.weights[i] ?? 0);
    }
    return roundHalfAwayFromZero(score);
  },
  normalize(ctx, scores, nodes) {
    const state = ctx.state.get("PreScorePodTopologySpread") as ScoreState;
    let min = Number.MAX_SAFE_INTEGER;
    let max = 0;
    const ignored = nodes.map((node) => state.ignored.size > 0 && state.ignored.has(node.node.metadata.name));
    for (let i = 0; i < nodes.length; i++) {
      if (ignored[i]) continue;
      const score = scores[i] ?? 0;
      if (score < min) min = score;
      if (score > max) max = score;
    }
    for (let i = 0; i < nodes.length; i++) {
      if (ignored[i]) scores[i] = 0;
      else if (max === 0) scores[i] = MAX_NODE_SCORE;
      else scores[i] = divTrunc(MAX_NODE_SCORE * (max + min - (scores[i] ?? 0)), max);
    }
  },
};
