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
            <th className="px-2 py-1.5 text-right font-medium">Young</th>
            <th className="px-2 py-1.5 text-right font-medium">Mature</th>
            <th className="px-2 py-1.5 text-right font-medium">Total</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.period} className="border-t border-line">
              <th scope="row" className="px-2 py-1.5 text-left font-normal">
                {row.period}
              </th>
              <Cell value={row.young} />
              <Cell value={row.mature} />
              <Cell value={row.total} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
