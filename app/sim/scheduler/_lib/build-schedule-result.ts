// Shapes explainSchedule's output into the playground's table: one column per plugin that ran,
// one row per node, rows sorted by total (kube-scheduler-simulator's view, sim-anchors §1).
import type { Explanation } from "@/lib/sim/scheduler-framework";
import type { NodeRow, ScheduleResultView } from "@/lib/validations/schedule";

const outcomeRank: Record<NodeRow["outcome"], number> = { selected: 0, feasible: 1, filtered: 2, "not-evaluated": 3 };

/** Plugins in profile order, then any others that appear (a PreFilter-only rejection), de-duplicated. */
function columnsInOrder(profileOrder: readonly string[], seen: Iterable<string>): string[] {
  const present = new Set(seen);
  const ordered = profileOrder.filter((plugin) => present.has(plugin));
  return [...new Set([...ordered, ...present])];
}

/**
 * Scored nodes by total, highest first (the selected node first among equals, then input order),
 * then feasible unscored nodes, filtered-out nodes, and nodes the search never reached. Pure.
 */
function sortRows(rows: NodeRow[]): NodeRow[] {
  return rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => {
      const byTotal = (b.row.total ?? -Infinity) - (a.row.total ?? -Infinity);
      if (byTotal !== 0 && Number.isFinite(byTotal)) return byTotal;
      const byOutcome = outcomeRank[a.row.outcome] - outcomeRank[b.row.outcome];
      return byOutcome !== 0 ? byOutcome : a.index - b.index;
    })
    .map(({ row }) => row);
}

/** The view of one explained cycle; `seed` is the tie-break seed that chose among tied nodes. Pure. */
export function buildScheduleResult(explanation: Explanation, seed: number): ScheduleResultView {
  const { result, json, profile } = explanation;
  const byName = new Map(result.nodes.map((node) => [node.name, node]));
  const filterPlugins = columnsInOrder(
    profile.filter,
    json.nodes.flatMap((node) => node.filters.map((f) => f.plugin)),
  );
  const scoredPlugins = columnsInOrder(
    profile.score.map((p) => p.name),
    json.nodes.flatMap((node) => node.scores.map((s) => s.plugin)),
  );
  const tiedNodes = result.tiedNodes.length > 1 ? result.tiedNodes : [];

  const rows = json.nodes.map((node): NodeRow => {
    const detail = byName.get(node.name);
    const outcome =
      node.name === result.selectedNode
        ? "selected"
        : detail?.feasible
          ? "feasible"
          : node.filters.length > 0
            ? "filtered"
            : "not-evaluated";
    return {
      name: node.name,
      outcome,
      filters: filterPlugins.map((plugin) => node.filters.find((f) => f.plugin === plugin) ?? null),
      scores: scoredPlugins.map((plugin) => {
        const score = node.scores.find((s) => s.plugin === plugin);
        return score ? { raw: score.raw, normalized: score.normalized, weighted: score.weighted } : null;
      }),
      total: node.total,
      isTied: tiedNodes.includes(node.name),
    };
  });

  return {
    pod: explanation.pod,
    profile: profile.schedulerName,
    selectedNode: result.selectedNode,
    message: result.message,
    tiedNodes,
    seed,
    scoringSkipped: result.scoringSkipped,
    preScoreSkipped: result.preScoreSkipped,
    preemptionCandidates: result.preemptionCandidates,
    nodeCount: json.nodes.length,
    evaluatedNodes: result.evaluatedNodes,
    feasibleNodes: result.feasibleNodes,
    filterPlugins,
    scorePlugins: scoredPlugins.map((plugin) => ({
      plugin,
      weight: profile.score.find((p) => p.name === plugin)?.weight ?? 1,
    })),
    rows: sortRows(rows),
    warnings: explanation.warnings,
  };
}
