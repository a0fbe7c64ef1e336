const ratings = [
  { value: 1, label: "Again", className: "text-danger" },
  { value: 2, label: "Hard", className: "text-learning" },
  { value: 3, label: "Good", className: "text-review" },
  { value: 4, label: "Easy", className: "text-new" },
] as const;

/** The four FSRS grades as submit buttons, each showing when the card would come back. */
type Props = {
  previews: { rating: number; label: string }[];
  disabled: boolean;
  /** The grade the checked answer earned: outlined, and what Space/Enter picks. */
  suggested?: number;
};

export function RatingButtons({ previews, disabled, suggested }: Props) {
  return (
    <div className="grid grid-cols-2 gap-2 sm:grid-cols-4" role="group" aria-label="How well did you know it?">
      {ratings.map(({ value, label, className }) => {
        const interval = previews.find((preview) => preview.rating === value)?.label ?? "";
        return (
          <button
            key={value}
            type="submit"
            name="rating"
            value={value}
            disabled={disabled}
            aria-keyshortcuts={String(value)}
            aria-label={`${label}, next review in ${interval}${suggested === value ? " (suggested)" : ""}`}
            className={
              "flex h-14 flex-col items-center justify-center rounded-lg border " +
              "bg-surface-2 text-sm hover:border-accent disabled:opacity-50 sm:h-16 " +
              `${suggested === value ? "border-accent ring-2 ring-accent/40" : "border-line"}`
            }
          >
            <span className={`font-semibold ${className}`}>{label}</span>
            <span className="flex items-center gap-1.5 text-xs tabular-nums text-muted">
              {interval}
              <kbd className="hidden rounded border border-line px-1 font-mono text-[10px] leading-4 sm:inline">
                {value}
              </kbd>
            </span>
          </button>
        );
      })}
    </div>
  );
}
