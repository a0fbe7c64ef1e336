import { retentionPercent, type RetentionCell, type RetentionRow } from "@/lib/progress/true-retention";

function Cell({ value }: { value: RetentionCell }) {
  const percent = retentionPercent(value);
  return (
    <td className="px-2 py-1.5 text-right tabular-nums" title={`${value.passed} passed, ${value.failed} failed`}>
      {percent === null ? <span className="text-muted">–</span> : `${percent.toFixed(1)}%`}
      <span className="ml-1 text-xs text-muted">({value.passed + value.failed})</span>
    </td>
  );
}

const columns = [
  { key: "young", label: "Young" },
  { key: "mature", label: "Mature" },
  { key: "total", label: "Total" },
] as const;

/** Anki's true-retention table: the share of reviews passed, for young and mature cards. */
export function RetentionTable({ rows }: { rows: RetentionRow[] }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[22rem] text-sm">
        <caption className="sr-only">
          True retention: share of reviews of cards in review that were not graded Again
        </caption>
        <thead className="text-muted">
          <tr>
            <th className="px-2 py-1.5 text-left font-medium">Period</th>
            {columns.map(({ key, label }) => (
              <th key={key} className="px-2 py-1.5 text-right font-medium">
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.period} className="border-t border-line">
              <th scope="row" className="px-2 py-1.5 text-left font-normal">
                {row.period}
              </th>
              {columns.map(({ key }) => (
                <Cell key={key} value={row[key]} />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
