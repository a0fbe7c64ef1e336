import type { Progress } from "@/lib/data/progress";
import { dueTodayCount } from "@/lib/progress/forecast";

function formatDuration(ms: number): string {
  if (ms > 0 && ms < 60_000) return `${Math.round(ms / 1000)} s`;
  const minutes = Math.round(ms / 60_000);
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** The headline numbers: due today, streak, reviews, time studied, scenarios replayed. */
export function StatTiles({ progress }: { progress: Progress }) {
  const due = progress.dueToday;
  const tiles = [
    {
      label: "Due today",
      value: String(dueTodayCount(due)),
      detail: `${due.review} reviews, ${due.learning} learning; and ${due.new} new cards`,
    },
    {
      label: "Streak",
      value: `${progress.streak} day${progress.streak === 1 ? "" : "s"}`,
      detail: "in a row with a review",
    },
    { label: "Reviews", value: String(progress.reviewCount), detail: "in all" },
    {
      label: "Time studied",
      value: formatDuration(progress.timeStudiedMs.week),
      detail:
        `this week; ${formatDuration(progress.timeStudiedMs.today)} ` +
        `today, ${formatDuration(progress.timeStudiedMs.total)} in all`,
    },
    {
      label: "Replays watched",
      value: String(progress.replays.views),
      detail: `of ${progress.replays.scenarios} different scenario${progress.replays.scenarios === 1 ? "" : "s"}`,
    },
  ];
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
      {tiles.map((tile) => (
        <div key={tile.label} className="rounded-xl border border-line bg-surface p-4">
          <dt className="text-xs font-medium uppercase tracking-wider text-muted">{tile.label}</dt>
          <dd className="mt-1 text-2xl font-semibold tabular-nums">{tile.value}</dd>
          <dd className="text-xs text-muted">{tile.detail}</dd>
        </div>
      ))}
    </dl>
  );
}
