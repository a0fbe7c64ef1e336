// A year of reviews as a calendar heatmap (a column per week, Monday on top), drawn as plain SVG.
// Each day carries a <title>; the figure's caption gives the totals in words.
import { dayMs } from "@/lib/srs/day";

type Props = { days: { date: string; count: number }[]; today: string };

const cell = 11;
const gap = 2;
const weeks = 53;

function shade(count: number): string {
  if (count === 0) return "var(--surface-2)";
  if (count < 5) return "color-mix(in srgb, var(--accent) 30%, var(--surface))";
  if (count < 15) return "color-mix(in srgb, var(--accent) 55%, var(--surface))";
  if (count < 40) return "color-mix(in srgb, var(--accent) 80%, var(--surface))";
  return "var(--accent)";
}

export function ReviewHeatmap({ days, today }: Props) {
  const counts = new Map(days.map((day) => [day.date, day.count]));
  const end = new Date(`${today}T00:00:00Z`);
  const mondayOffset = (end.getUTCDay() + 6) % 7; // days since Monday
  const start = new Date(end.getTime() - ((weeks - 1) * 7 + mondayOffset) * dayMs);
  const cells: { x: number; y: number; date: string; count: number }[] = [];
  for (let i = 0; ; i++) {
    const date = new Date(start.getTime() + i * dayMs);
    if (date > end) break;
    const key = date.toISOString().slice(0, 10);
    cells.push({ x: Math.floor(i / 7), y: i % 7, date: key, count: counts.get(key) ?? 0 });
  }
  const active = cells.filter((c) => c.count > 0);
  const total = active.reduce((sum, c) => sum + c.count, 0);
  return (
    <figure className="space-y-2">
      <svg
        viewBox={`0 0 ${weeks * (cell + gap)} ${7 * (cell + gap)}`}
        className="h-auto w-full"
        style={{ maxWidth: weeks * (cell + gap) }}
        role="img"
        aria-label={
          `Reviews per day over the last year: ${total} review${total === 1 ? "" : "s"} ` +
          `on ${active.length} day${active.length === 1 ? "" : "s"}.`
        }
      >
        {cells.map((c) => (
          <rect
            key={c.date}
            x={c.x * (cell + gap)}
            y={c.y * (cell + gap)}
            width={cell}
            height={cell}
            rx={2}
            fill={shade(c.count)}
          >
            <title>{`${c.date}: ${c.count} review${c.count === 1 ? "" : "s"}`}</title>
          </rect>
        ))}
      </svg>
      <figcaption className="text-xs text-muted">
        {total} review{total === 1 ? "" : "s"} on {active.length} day{active.length === 1 ? "" : "s"} in the last year.
      </figcaption>
    </figure>
  );
}
