import type { WeightsComparison } from "@/lib/fsrs-optimizer/optimize-weights";

const percent = (value: number) => `${(value * 100).toFixed(2)}%`;

function verdict(action: "optimize" | "evaluate", comparison: WeightsComparison): string {
  if (!comparison.personal) return "You have no personal parameters yet: Optimize fits them to your reviews.";
  if (action === "optimize") {
    return comparison.isPersonalBetter
      ? "Personal parameters won and are kept: they predict your reviews better than the defaults."
      : "Default parameters won: the fitted ones did not predict your reviews better, so the defaults stay.";
  }
  return comparison.isPersonalBetter
    ? "Personal parameters win: they predict your reviews better than the defaults."
    : "Default parameters win on your current reviews: optimize again to refit yours.";
}

/** Log loss and RMSE (bins) of the default and the personal parameters, and which won. */
export function WeightsComparisonTable(props: { action: "optimize" | "evaluate"; comparison: WeightsComparison }) {
  const { defaults, personal, itemCount } = props.comparison;
  const rows = [{ name: "Default parameters", evaluation: defaults }];
  if (personal) rows.push({ name: "Personal parameters", evaluation: personal.evaluation });
  return (
    <div className="space-y-2">
      <table className="w-full text-sm">
        <caption className="text-left text-muted">
          On your {itemCount} review items; smaller is better for both.
        </caption>
        <thead>
          <tr className="text-left">
            <th scope="col">Parameters</th>
            <th scope="col">Log loss</th>
            <th scope="col">RMSE (bins)</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.name}>
              <th scope="row" className="text-left font-normal">
                {row.name}
              </th>
              <td className="tabular-nums">{row.evaluation.logLoss.toFixed(4)}</td>
              <td className="tabular-nums">{percent(row.evaluation.rmseBins)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p role="status">{verdict(props.action, props.comparison)}</p>
    </div>
  );
}
