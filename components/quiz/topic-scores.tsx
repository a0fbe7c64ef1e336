/** "3 of 4" as a whole percentage; a dash when there is nothing to score. */
export function percent(part: number, total: number): string {
  return total ? `${Math.round((part / total) * 100)}%` : "–";
}

type Row = { topic: string; scored: number; total: number };

/** A report's score per topic: what was scored (right answers, covered key points) out of the total. */
export function TopicScores({ rows, scoredLabel }: { rows: Row[]; scoredLabel: string }) {
  return (
    <section aria-labelledby="topics" className="rounded-xl border border-line bg-surface p-5">
      <h2 id="topics" className="mb-3 font-semibold">
        By topic
      </h2>
      <table className="w-full text-sm">
        <thead className="text-left text-muted">
          <tr>
            <th className="py-1 font-medium">Topic</th>
            <th className="py-1 text-right font-medium">{scoredLabel}</th>
            <th className="py-1 pl-3 text-right font-medium">Score</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.topic} className="border-t border-line">
              <td className="py-2">{row.topic}</td>
              <td className="py-2 text-right tabular-nums">
                {row.scored}/{row.total}
              </td>
              <td className="py-2 pl-3 text-right tabular-nums">{percent(row.scored, row.total)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
