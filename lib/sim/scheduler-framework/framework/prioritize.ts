// prioritizeNodes (schedule_one.go) with RunPreScorePlugins / RunScorePlugins (framework.go):
// PreScore Skip removes a plugin's Score; each plugin scores every feasible node, NormalizeScore
// rewrites its column, and the node's total is Σ normalised × weight.
import { PLUGINS } from "@/lib/sim/scheduler-framework/plugins/registry";
import type { NodeInfo } from "@/lib/sim/scheduler-framework/snapshot";
import { MAX_NODE_SCORE, type CycleContext, type PluginName, type Profile } from "@/lib/sim/scheduler-framework/types";

export type ScoreRecord = { plugin: string; raw: number; normalized: number; weighted: number };

type Prioritized = { scores: ScoreRecord[][]; totals: number[]; preScoreSkipped: PluginName[] };

/** Scores `nodes`; `scores[i]` and `totals[i]` belong to `nodes[i]`. */
export function prioritizeNodes(profile: Profile, ctx: CycleContext, nodes: NodeInfo[], detail = true): Prioritized {
  const plugins = profile.score.filter((p) => PLUGINS[p.name].score !== undefined);
  // Without score plugins every node scores 1 (prioritizeNodes' "no priority configs" branch).
  if (plugins.length === 0)
    return { scores: detail ? nodes.map(() => []) : [], totals: nodes.map(() => 1), preScoreSkipped: [] };
  const skipped: PluginName[] = [];
  for (const name of profile.preScore) {
    const preScore = PLUGINS[name].preScore;
    if (preScore && preScore(ctx, nodes) === "skip") skipped.push(name);
  }
  const scores: ScoreRecord[][] = detail ? nodes.map(() => []) : [];
  const totals = nodes.map(() => 0);
  for (const { name, weight } of plugins) {
    if (skipped.includes(name)) continue;
    const impl = PLUGINS[name];
    const raw = nodes.map((node) => impl.score?.(ctx, node) ?? 0);
    const normalized = raw.slice();
    impl.normalize?.(ctx, normalized, nodes);
    for (let i = 0; i < nodes.length; i++) {
      const score = normalized[i] ?? 0;
      if (score > MAX_NODE_SCORE || score < 0)
        throw new Error(
          `plugin "${name}" returns an invalid score ${score}, it should ` +
            `in the range of [0, ${MAX_NODE_SCORE}] after normalizing`,
        );
      if (detail) scores[i]?.push({ plugin: name, raw: raw[i] ?? 0, normalized: score, weighted: score * weight });
      totals[i] = (totals[i] ?? 0) + score * weight;
    }
  }
  return { scores, totals, preScoreSkipped: skipped };
}

/** The highest-scoring nodes in order; upstream breaks the tie uniformly at random (a Randomizer per node). */
export function topNodes(totals: number[]): number[] {
  const max = Math.max(...totals);
  const tied: number[] = [];
  totals.forEach((total, i) => {
    if (total === max) tied.push(i);
  });
  return tied;
}
