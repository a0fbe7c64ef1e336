/** A table cell for a plugin that did not run on a node: a dash on screen, `label` for screen readers. */
export function AbsentCell({ className, label }: { className: string; label: string }) {
  return (
    <td className={`${className} text-muted`}>
      <span aria-hidden="true">—</span>
      <span className="sr-only">{label}</span>
    </td>
  );
}
