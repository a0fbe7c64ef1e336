// PodTopologySpread filtering (plugins/podtopologyspread/filtering.go): for each DoNotSchedule
// constraint, matching pods per topology value over eligible nodes; a node fails when
// its domain's count + (1 if the pod matches itself) − the global minimum exceeds maxSkew.
import { isEmptySelector, selectorMatches } from "@/lib/sim/objects/labels";
import {
  hasAllTopologyKeys,
  nodeIncluded,
  podSpreadConstraints,
  type SpreadConstraint,
} from "@/lib/sim/scheduler-framework/plugins/spread-constraints";
import { namespaceOf } from "@/lib/sim/scheduler-framework/pod-info";
import { selectorCountsFor } from "@/lib/sim/scheduler-framework/selector-counts";
import type { CycleContext, PluginImpl, Status } from "@/lib/sim/scheduler-framework/types";

const ERR_REASON_CONSTRAINTS_NOT_MATCH = "node(s) didn't match pod topology spread constraints";
const ERR_REASON_NODE_LABEL_NOT_MATCH = `${ERR_REASON_CONSTRAINTS_NOT_MATCH} (missing required label)`;

type FilterState = { constraints: SpreadConstraint[]; matchNum: Map<string, number>[]; minMatchNum: number[] };

const MAX_INT32 = 2 ** 31 - 1;

function computeState(ctx: CycleContext, constraints: SpreadConstraint[]): FilterState {
  const pod = ctx.pod.pod;
  const matchNum = constraints.map(() => new Map<string, number>());
  const counts = constraints.map((c) =>
    isEmptySelector(c.selector) ? null : selectorCountsFor(ctx.snapshot, c.selector, namespaceOf(pod)),
  );
  for (const info of ctx.snapshot.nodes) {
    if (!hasAllTopologyKeys(info.node, constraints)) continue;
    constraints.forEach((c, i) => {
      if (!nodeIncluded(c, pod, info.node)) return;
      const value = info.node.metadata.labels[c.topologyKey] ?? "";
      const domains = matchNum[i];
      if (domains) domains.set(value, (domains.get(value) ?? 0) + (counts[i]?.[info.index] ?? 0));
    });
  }
  const minMatchNum = matchNum.map((domains) => (domains.size === 0 ? MAX_INT32 : Math.min(...domains.values())));
  return { constraints, matchNum, minMatchNum };
}

export const podTopologySpreadFilter: Pick<PluginImpl, "preFilter" | "filter"> = {
  preFilter(ctx) {
    const constraints = podSpreadConstraints(ctx, "DoNotSchedule");
    if (constraints.length === 0) return { kind: "skip" };
    ctx.state.set("PreFilterPodTopologySpread", computeState(ctx, constraints));
    return { kind: "ok", nodeNames: null };
  },
  filter(ctx, node): Status | null {
    const state =
      (ctx.state.get("PreFilterPodTopologySpread") as FilterState | undefined) ??
      computeState(ctx, podSpreadConstraints(ctx, "DoNotSchedule"));
    for (const [i, c] of state.constraints.entries()) {
      const value = node.node.metadata.labels[c.topologyKey];
      if (value === undefined)
        return { code: "UnschedulableAndUnresolvable", reasons: [ERR_REASON_NODE_LABEL_NOT_MATCH] };
      const domains = state.matchNum[i] ?? new Map<string, number>();
      // minMatchNum: with fewer eligible domains than minDomains, the global minimum counts as 0.
      const minMatch = domains.size < c.minDomains ? 0 : (state.minMatchNum[i] ?? 0);
      const selfMatch = selectorMatches(c.selector, ctx.pod.pod.metadata.labels) ? 1 : 0;
      if ((domains.get(value) ?? 0) + selfMatch - minMatch > c.maxSkew)
        return { code: "Unschedulable", reasons: [ERR_REASON_CONSTRAINTS_NOT_MATCH] };
    }
    return null;
  },
};
