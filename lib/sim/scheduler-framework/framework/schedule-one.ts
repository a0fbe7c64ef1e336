// One scheduling cycle (pkg/scheduler/schedule_one.go, schedulePod): PreFilter → Filter over the
// nodes in nodeTree order from where the last cycle stopped, until enough feasible nodes are found →
// PreScore → Score → NormalizeScore → weighted sum → select. A single feasible node is taken without
// scoring, as upstream does. Ties are broken by the injected pickIndex, never an unseeded random source.
import { fitErrorMessage, NO_NODES_AVAILABLE } from "@/lib/sim/scheduler-framework/framework/fit-error";
import { numFeasibleNodesToFind } from "@/lib/sim/scheduler-framework/framework/num-feasible-nodes";
import { runPreemption } from "@/lib/sim/scheduler-framework/framework/preemption";
import { prioritizeNodes, topNodes, type ScoreRecord } from "@/lib/sim/scheduler-framework/framework/prioritize";
import {
  activeFilters,
  runFilters,
  runPreFilter,
  type FilterRecord,
} from "@/lib/sim/scheduler-framework/framework/run-filters";
import { PLUGINS } from "@/lib/sim/scheduler-framework/plugins/registry";
import type { PodInfo } from "@/lib/sim/scheduler-framework/pod-info";
import type { NodeInfo, Snapshot } from "@/lib/sim/scheduler-framework/snapshot";
import type { CycleContext, PluginName, Profile, Status } from "@/lib/sim/scheduler-framework/types";

type NodeResult = {
  name: string;
  /** Filter plugins run on the node, up to and including the first rejection; empty if not evaluated. */
  filters: FilterRecord[];
  /** Score plugins, in profile order; empty unless the node was feasible and scoring ran. */
  scores: ScoreRecord[];
  total: number | null;
  evaluated: boolean;
  feasible: boolean;
};

export type ScheduleResult = {
  selectedNode: string | null;
  /** Every node, in snapshot (nodeTree) order. */
  nodes: NodeResult[];
  evaluatedNodes: number;
  feasibleNodes: number;
  /** Where the next cycle's search starts (round-robin over the node list). */
  nextStartNodeIndex: number;
  /** The top-scoring nodes the tie-break chose among. */
  tiedNodes: string[];
  /** True when one node passed the filters, so upstream skips scoring. */
  scoringSkipped: boolean;
  preScoreSkipped: string[];
  /** FitError message ("0/N nodes are available: …") when no node fits. */
  message: string | null;
  /** Nodes where removing lower-priority pods would make room (DefaultPreemption dry run). */
  preemptionCandidates: string[];
};

type ScheduleOptions = {
  /** Uniform choice among n tied nodes: returns an index in [0, n). Drive it from the sim's PRNG. */
  pickIndex: (n: number) => number;
  /** The configuration's global percentageOfNodesToScore (0 = adaptive). */
  percentageOfNodesToScore?: number;
  nextStartNodeIndex?: number;
  /** Fill `nodes` with per-node filter and score records (default true). The engine can skip it. */
  detail?: boolean;
};

type Evaluation = {
  feasible: NodeInfo[];
  statuses: Map<string, Status>;
  records: Map<string, FilterRecord[]>;
  processed: number;
};

function evaluateNodes(
  profile: Profile,
  ctx: CycleContext,
  nodes: NodeInfo[],
  skipped: Set<PluginName>,
  options: ScheduleOptions,
): Evaluation {
  const hasScoring = profile.score.some((p) => PLUGINS[p.name].score !== undefined);
  const pct = profile.percentageOfNodesToScore ?? options.percentageOfNodesToScore ?? 0;
  const toFind = hasScoring ? numFeasibleNodesToFind(pct, nodes.length) : 1;
  const start = options.nextStartNodeIndex ?? 0;
  const result: Evaluation = { feasible: [], statuses: new Map(), records: new Map(), processed: 0 };
  const filters = activeFilters(profile, skipped);
  for (let i = 0; i < nodes.length && result.feasible.length < toFind; i++) {
    const node = nodes[(start + i) % nodes.length];
    if (!node) continue;
    const outcome = runFilters(filters, ctx, node, options.detail ?? true);
    if (options.detail ?? true) result.records.set(node.node.metadata.name, outcome.records);
    if (outcome.status === null) result.feasible.push(node);
    else result.statuses.set(node.node.metadata.name, outcome.status);
    result.processed++;
  }
  return result;
}

function emptyResult(snapshot: Snapshot, next: number, detail: boolean): ScheduleResult {
  const nodes: NodeResult[] = detail
    ? snapshot.nodes.map((n) => ({
        name: n.node.metadata.name,
        filters: [],
        scores: [],
        total: null,
        evaluated: false,
        feasible: false,
      }))
    : [];
  return {
    selectedNode: null,
    nodes,
    evaluatedNodes: 0,
    feasibleNodes: 0,
    nextStartNodeIndex: next,
    tiedNodes: [],
    scoringSkipped: false,
    preScoreSkipped: [],
    message: null,
    preemptionCandidates: [],
  };
}

/** Schedules one pod against a snapshot with a profile. Pure apart from calling pickIndex. */
export function scheduleOne(
  profile: Profile,
  pod: PodInfo,
  snapshot: Snapshot,
  options: ScheduleOptions,
): ScheduleResult {
  const result = emptyResult(snapshot, options.nextStartNodeIndex ?? 0, options.detail ?? true);
  if (snapshot.nodes.length === 0) return { ...result, message: NO_NODES_AVAILABLE };
  const ctx: CycleContext = { pod, snapshot, args: profile.args, state: new Map() };
  const preFilter = runPreFilter(profile, ctx);
  if (preFilter.rejection) return rejectedAtPreFilter(profile, ctx, result, preFilter.rejection);
  const candidates =
    preFilter.nodeNames === null
      ? snapshot.nodes
      : snapshot.nodes.filter((n) => preFilter.nodeNames?.has(n.node.metadata.name));
  const evaluation = evaluateNodes(profile, ctx, candidates, preFilter.skipped, options);
  const next = ((options.nextStartNodeIndex ?? 0) + evaluation.processed) % snapshot.nodes.length;
  const feasibleNames = new Set(result.nodes.length > 0 ? evaluation.feasible.map((f) => f.node.metadata.name) : []);
  const absent = absentRecord(preFilter.narrowedBy);
  for (const node of result.nodes) {
    const leftOut = preFilter.nodeNames !== null && !preFilter.nodeNames.has(node.name);
    node.filters = leftOut ? [absent] : (evaluation.records.get(node.name) ?? []);
    node.evaluated = evaluation.records.has(node.name);
    node.feasible = feasibleNames.has(node.name);
  }
  const base = {
    ...result,
    nextStartNodeIndex: next,
    evaluatedNodes: evaluation.processed,
    feasibleNodes: evaluation.feasible.length,
  };
  if (evaluation.feasible.length === 0)
    return unschedulable(profile, ctx, base, evaluation.statuses, preFilter.narrowedBy);
  const [only] = evaluation.feasible;
  if (evaluation.feasible.length === 1 && only)
    return {
      ...base,
      selectedNode: only.node.metadata.name,
      tiedNodes: [only.node.metadata.name],
      scoringSkipped: true,
    };
  return selectHost(profile, ctx, base, evaluation.feasible, options);
}

function selectHost(
  profile: Profile,
  ctx: CycleContext,
  base: ScheduleResult,
  feasible: NodeInfo[],
  options: ScheduleOptions,
): ScheduleResult {
  const prioritized = prioritizeNodes(profile, ctx, feasible, options.detail ?? true);
  if (base.nodes.length > 0) {
    // base.nodes is in snapshot order, so a node's entry sits at its snapshot index.
    feasible.forEach((node, i) => {
      const entry = base.nodes[node.index];
      if (!entry) return;
      entry.scores = prioritized.scores[i] ?? [];
      entry.total = prioritized.totals[i] ?? 0;
    });
  }
  const tied = topNodes(prioritized.totals).map((i) => feasible[i]?.node.metadata.name ?? "");
  const pick = options.pickIndex(tied.length);
  if (!Number.isInteger(pick) || pick < 0 || pick >= tied.length)
    throw new Error(`pickIndex(${tied.length}) returned ${pick}`);
  return { ...base, selectedNode: tied[pick] ?? null, tiedNodes: tied, preScoreSkipped: prioritized.preScoreSkipped };
}

/** Nodes a PreFilter result left out count as UnschedulableAndUnresolvable (SetAbsentNodesStatus). */
function absentRecord(narrowedBy: string[]): FilterRecord {
  return {
    plugin: narrowedBy.join(","),
    code: "UnschedulableAndUnresolvable",
    reasons: [`node(s) didn't satisfy plugin(s) [${narrowedBy.join(" ")}]`],
  };
}

function unschedulable(
  profile: Profile,
  ctx: CycleContext,
  base: ScheduleResult,
  statuses: Map<string, Status>,
  narrowedBy: string[],
): ScheduleResult {
  const record = absentRecord(narrowedBy);
  const absent: Status = { code: "UnschedulableAndUnresolvable", reasons: record.reasons };
  const all = new Map(
    ctx.snapshot.nodes.map((n) => [n.node.metadata.name, statuses.get(n.node.metadata.name) ?? absent]),
  );
  const preemption = runPreemption(profile, ctx, all);
  const message = fitErrorMessage(ctx.snapshot.nodes.length, null, [...all.values()], preemption.message);
  return { ...base, message, preemptionCandidates: preemption.candidates };
}

function rejectedAtPreFilter(
  profile: Profile,
  ctx: CycleContext,
  result: ScheduleResult,
  rejection: { plugin: string; status: Status },
): ScheduleResult {
  const record: FilterRecord = {
    plugin: rejection.plugin,
    code: rejection.status.code,
    reasons: rejection.status.reasons,
  };
  const nodes = result.nodes.map((n) => ({ ...n, filters: [record] }));
  const all = new Map(ctx.snapshot.nodes.map((n) => [n.node.metadata.name, rejection.status]));
  const preemption = runPreemption(profile, ctx, all);
  const message = fitErrorMessage(
    ctx.snapshot.nodes.length,
    rejection.status.reasons.join(", "),
    [],
    preemption.message,
  );
  return { ...result, nodes, message, preemptionCandidates: preemption.candidates };
}
