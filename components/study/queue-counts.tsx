import type { QueueCounts as Counts } from "@/lib/data/study";

const parts = [
  { key: "new", label: "new", className: "text-new" },
  { key: "learning", label: "learning", className: "text-learning" },
  { key: "review", label: "to review", className: "text-review" },
] as const;

/** Anki's three numbers: new, learning and review cards ready now. */
export function QueueCounts({ counts, current }: { counts: Counts; current?: keyof Counts }) {
  return (
    <p className="flex flex-wrap gap-x-3 gap-y-1 text-sm tabular-nums" aria-label="Cards ready">
      {parts.map(({ key, label, className }) => (
        <span
          key={key}
          className={`${className} ${current === key ? "font-semibold underline underline-offset-4" : ""}`}
        >
          {counts[key]} {label}
        </span>
      ))}
    </p>
  );
}
