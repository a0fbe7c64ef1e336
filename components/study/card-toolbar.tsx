"use client";

type Props = {
  /** Absent before anything was graded. */ onUndo?: () => void;
  onBury: () => void;
  onSuspend: () => void;
};

const buttonClass =
  "inline-flex items-center gap-1.5 rounded-md px-2 py-1.5 text-muted hover:bg-surface-2 hover:text-fg";
const kbdClass = "hidden rounded border border-line px-1 font-mono text-[10px] leading-4 sm:inline";

/** Undo the last grade, bury this card until tomorrow, or suspend it: Anki's u, - and @. */
export function CardToolbar({ onUndo, onBury, onSuspend }: Props) {
  return (
    <div className="flex flex-wrap justify-end gap-1 text-sm" role="toolbar" aria-label="Card actions">
      {onUndo ? (
        <button type="button" className={buttonClass} onClick={onUndo} aria-keyshortcuts="u Control+z">
          Undo last grade <kbd className={kbdClass}>u</kbd>
        </button>
      ) : null}
      <button type="button" className={buttonClass} onClick={onBury} aria-keyshortcuts="-">
        Bury until tomorrow <kbd className={kbdClass}>-</kbd>
      </button>
      <button type="button" className={buttonClass} onClick={onSuspend} aria-keyshortcuts="@">
        Suspend <kbd className={kbdClass}>@</kbd>
      </button>
    </div>
  );
}
