import { Check, X } from "lucide-react";
import type { FilterCell as Cell } from "@/lib/validations/schedule";
import { CamelCaseText } from "./camel-case-text";
import { AbsentCell } from "./absent-cell";

/** One filter plugin's verdict on one node: Success, or the rejecting code with upstream's reasons. */
export function FilterCell({ cell }: { cell: Cell | null }) {
  if (cell === null) return <AbsentCell className="px-2.5 py-2.5 align-top" label="not run" />;
  if (cell.code === "Success") {
    return (
      <td className="px-2.5 py-2.5 align-top">
        <span className="inline-flex items-center gap-1 text-xs text-muted">
          <Check className="size-3.5 shrink-0 text-ok" aria-hidden="true" />
          Success
        </span>
      </td>
    );
  }
  return (
    <td className="px-2.5 py-2.5 align-top">
      <div className="min-w-28 space-y-0.5">
        <span className="inline-flex items-start gap-1 text-xs font-medium text-danger">
          <X className="mt-px size-3.5 shrink-0" aria-hidden="true" />
          <span>
            <CamelCaseText text={cell.code} />
          </span>
        </span>
        <ul className="text-xs leading-snug">
          {cell.reasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      </div>
    </td>
  );
}
