import type { ScoreCell as Cell } from "@/lib/validations/schedule";
import { AbsentCell } from "./absent-cell";

/** One score plugin on one node: the weighted score large, raw → normalized beneath it. */
export function ScoreCell({ cell }: { cell: Cell | null }) {
  if (cell === null) return <AbsentCell className="px-2 py-2.5 text-right align-top" label="not scored" />;
  return (
    <td className="px-2 py-2.5 text-right align-top font-mono tabular-nums">
      <span aria-hidden="true">
        <span className="block text-sm font-medium">{cell.weighted}</span>
        <span className="block whitespace-nowrap text-xs text-muted">
          {cell.raw} → {cell.normalized}
        </span>
      </span>
      <span className="sr-only">
        weighted {cell.weighted}, raw {cell.raw}, normalized {cell.normalized}
      </span>
    </td>
  );
}
