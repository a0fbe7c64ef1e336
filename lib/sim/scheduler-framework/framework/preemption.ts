// DefaultPreemption's PostFilter (plugins/defaultpreemption, framework/preemption/preemption.go),
// reduced to what explains a pending pod: whether removing every lower-priority pod from a node
// would let the pod fit there. Nodes rejected as UnschedulableAndUnresolvable are skipped
// ("Preemption is not helpful for scheduling"); nodes without lower-priority pods have
// "No preemption victims found for incoming pod". With no candidate the message is
// "preemption: 0/N nodes are available: …". Victim minimisation and candidate choice
// (PDBs, pickOneNodeForPreemption) are not simulated: candidates are listed, none is nominated.
import { activeFilters, runFilters, runPreFilter } from "@/lib/sim/scheduler-framework/framework/run-filters";
import { fitErrorMessage } from "@/lib/sim/scheduler-framework/framework/fit-error";
import { priorityOf } from "@/lib/sim/scheduler-framework/pod-info";
import { nodeInfoWith, type NodeInfo, type Snapshot } from "@/lib/sim/scheduler-framework/snapshot";
import type { CycleContext, Profile, Status } from "@/lib/sim/scheduler-framework/types";

type PreemptionOutcome = { message: string | null; candidates: string[] };

const NOT_HELPFUL: Status = {
  code: "UnschedulableAndUnresolvable",
  reasons: ["Preemption is not helpful for scheduling"],
};
const NO_VICTIMS: Status = {
  code: "UnschedulableAndUnresolvable",
  reasons: ["No preemption victims found for incoming pod"],
};

function withoutLowerPriority(snapshot: Snapshot, node: NodeInfo, priority: number): Snapshot {
  const kept = nodeInfoWith(
    node.node,
    node.index,
    node.pods.filter((p) => priorityOf(p.pod) >= priority),
  );
  const nodes = snapshot.nodes.slice();
  nodes[node.index] = kept;
  const indices = (has: (n: NodeInfo) => boolean) => nodes.filter(has).map((n) => n.index);
  return {
    ...snapshot,
    nodes,
    nodesWithAffinity: indices((n) => n.podsWithAffinity.length > 0),
    nodesWithRequiredAntiAffinity: indices((n) => n.podsWithRequiredAntiAffinity.length > 0),
    selectorCounts: new Map(),
  };
}

function dryRun(profile: Profile, ctx: CycleContext, node: NodeInfo): Status | null {
  const priority = priorityOf(ctx.pod.pod);
  if (!node.pods.some((p) => priorityOf(p.pod) < priority)) return NO_VICTIMS;
  const snapshot = withoutLowerPriority(ctx.snapshot, node, priority);
  const trial: CycleContext = { ...ctx, snapshot, state: new Map() };
  const preFilter = runPreFilter(profile, trial);
  if (preFilter.rejection) return preFilter.rejection.status;
  return runFilters(activeFilters(profile, preFilter.skipped), trial, snapshot.nodes[node.index] ?? node).status;
}

/** Runs DefaultPreemption if the profile has it. `statuses` maps every node to its filter status. */
export function runPreemption(profile: Profile, ctx: CycleContext, statuses: Map<string, Status>): PreemptionOutcome {
  if (!profile.postFilter.includes("DefaultPreemption")) return { message: null, candidates: [] };
  if (ctx.pod.pod.spec.preemptionPolicy === "Never")
    return { message: "preemption: not eligible due to preemptionPolicy=Never.", candidates: [] };
  const results: Status[] = [];
  const candidates: string[] = [];
  for (const node of ctx.snapshot.nodes) {
    const status = statuses.get(node.node.metadata.name) ?? null;
    const outcome = status?.code === "UnschedulableAndUnresolvable" ? NOT_HELPFUL : dryRun(profile, ctx, node);
    if (outcome === null) candidates.push(node.node.metadata.name);
    else results.push(outcome);
  }
  if (candidates.length > 0) return { message: null, candidates };
  return { message: `preemption: ${fitErrorMessage(ctx.snapshot.nodes.length, null, results, null)}`, candidates };
}
