// The CLI's readable explanation: the decision, each node's filter outcome, and the score table
// (normalized × weight = weighted per plugin, then the raw scores the plugins returned).
import type { Explanation } from "@/lib/sim/scheduler-framework/explain";

function pad(rows: string[][]): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join("  ")
      .trimEnd(),
  );
}

function decision(explanation: Explanation): string[] {
  const { result } = explanation;
  const lines = [`Pod ${explanation.pod} · profile ${explanation.profile.schedulerName}`];
  if (result.selectedNode === null) {
    lines.push(`Result: unschedulable — ${result.message ?? "no node fits"}`);
    if (result.preemptionCandidates.length > 0)
      lines.push(
        `Preemption could make room on: ${result.preemptionCandidates.join(", ")} ` +
          "(lower-priority pods would be evicted)",
      );
    return lines;
  }
  lines.push(`Result: ${result.selectedNode}`);
  if (result.scoringSkipped)
    lines.push("Only one node passed the filters, so the scheduler binds it without scoring (schedule_one.go).");
  if (result.tiedNodes.length > 1)
    lines.push(
      `Tie at the top between ${result.tiedNodes.join(", ")}: the real ` +
        "scheduler picks one at random; this report shows the first.",
    );
  lines.push(`Evaluated ${result.evaluatedNodes} node(s), ${result.feasibleNodes} feasible.`);
  return lines;
}

function filterTable(explanation: Explanation): string[] {
  const rows = [["NODE", "FILTERS"]];
  for (const node of explanation.json.nodes) {
    const failed = node.filters.find((f) => f.code !== "Success");
    const text = failed
      ? `✗ ${failed.plugin}: ${failed.reasons.join(", ")} (${failed.code})`
      : node.filters.length > 0
        ? "✓ passed"
        : "– not evaluated";
    rows.push([node.name, text]);
  }
  return pad(rows);
}

function scoreTables(explanation: Explanation): string[] {
  const scored = explanation.json.nodes.filter((n) => n.scores.length > 0);
  if (scored.length === 0) return [];
  const plugins = scored[0]?.scores.map((s) => s.plugin) ?? [];
  const weights = explanation.profile.score;
  const header = ["NODE", ...plugins.map((p) => `${p}×${weights.find((w) => w.name === p)?.weight ?? 1}`), "TOTAL"];
  const weighted = scored.map((n) => [
    n.name,
    ...n.scores.map((s) => `${s.normalized}→${s.weighted}`),
    String(n.total ?? ""),
  ]);
  const raw = scored.map((n) => [n.name, ...n.scores.map((s) => String(s.raw))]);
  const skipped = explanation.result.preScoreSkipped;
  return [
    "Scores (normalized→weighted):",
    ...pad([header, ...weighted]),
    "",
    "Raw plugin scores (before NormalizeScore):",
    ...pad([header.slice(0, -1), ...raw]),
    ...(skipped.length > 0 ? ["", `Skipped at PreScore (nothing to score for this pod): ${skipped.join(", ")}`] : []),
  ];
}

/** Renders the explanation as text. Pure. */
export function formatScheduleTable(explanation: Explanation): string {
  const warnings = explanation.warnings.map((w) => `warning: ${w}`);
  return (
    [
      ...decision(explanation),
      "",
      ...filterTable(explanation),
      "",
      ...scoreTables(explanation),
      ...(warnings.length ? ["", ...warnings] : []),
    ]
      .join("\n")
      .trimEnd() + "\n"
  );
}
