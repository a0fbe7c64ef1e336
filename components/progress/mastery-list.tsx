import type { TopicMastery } from "@/lib/data/progress";

/** Per deck: how much of it you would recall right now (average retrievability, unstudied cards counted as 0). */
export function MasteryList({ topics }: { topics: TopicMastery[] }) {
  return (
    <ul className="space-y-3">
      {topics.map((topic) => {
        const percent = Math.round(topic.averageRetrievability * 100);
        return (
          <li key={topic.deckId} className="space-y-1">
            <div className="flex justify-between gap-3 text-sm">
              <span>{topic.title}</span>
              <span className="tabular-nums text-muted">
                {percent}% · {topic.studied}/{topic.cardCount} studied
              </span>
            </div>
            <div
              className="h-2 overflow-hidden rounded-full bg-surface-2"
              role="meter"
              aria-label={`${topic.title} mastery`}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={percent}
            >
              <div className="h-full rounded-full bg-review" style={{ width: `${percent}%` }} />
            </div>
          </li>
        );
      })}
    </ul>
  );
}
