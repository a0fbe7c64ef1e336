import Link from "next/link";
import { QueueCounts } from "@/components/study/queue-counts";
import { clock } from "@/lib/clock";
import { getDeckOverview } from "@/lib/data/decks";
import { getLearnerId } from "@/lib/data/learners";
import { getStudySettings } from "@/lib/data/settings";
import { countToday } from "@/lib/study/daily-limits";
import { formatWait } from "@/lib/study/format-wait";

export default async function HomePage() {
  const learnerId = await getLearnerId();
  const settings = await getStudySettings(learnerId);
  const now = clock.now();
  const { decks, total, nextLearningDue } = await getDeckOverview(learnerId, now, settings);
  const readyCount = countToday(total);
  const nextLearning = nextLearningDue
    ? ` The next learning card is due in ${formatWait(nextLearningDue.getTime() - now.getTime())}.`
    : "";

  return (
    <div className="space-y-8">
      <section className="space-y-2">
        <h1 className="text-2xl font-semibold tracking-tight">Decks</h1>
        <p className="max-w-2xl text-muted">
          Practise the questions Kubernetes interviewers ask. Each answer is checked against how Kubernetes really
          behaves, and spaced repetition (FSRS) brings every card back just before you would forget it.
        </p>
        <p className="text-sm text-muted">
          Answers come with a{" "}
          <Link href="/sim" className="font-medium text-accent hover:underline">
            replay of the cluster
          </Link>
          : watch etcd lose its quorum or a node die, change the parameters, and see the outcome change.
        </p>
        <p className="text-sm font-medium" role="status">
          {readyCount > 0
            ? `${readyCount} card${readyCount === 1 ? "" : "s"} to study today.${nextLearning}`
            : "Nothing due right now: you are done for today."}
        </p>
      </section>

      <ul className="grid gap-4 sm:grid-cols-2">
        {decks.map((deck) => {
          const ready = countToday(deck.due);
          return (
            <li key={deck.id} className="flex flex-col gap-3 rounded-xl border border-line bg-surface p-5">
              <div className="space-y-1">
                <h2 className="font-semibold">{deck.title}</h2>
                <p className="text-sm text-muted">{deck.description}</p>
              </div>
              <QueueCounts counts={deck.due} />
              <div className="mt-auto flex items-center justify-between gap-3 pt-1">
                <span className="text-xs text-muted">{deck.cardCount} cards</span>
                <Link
                  href={`/study/${deck.id}`}
                  className={
                    ready > 0
                      ? "rounded-md bg-accent px-4 py-2 text-sm font-medium text-accent-fg hover:opacity-90"
                      : "rounded-md border border-line px-4 py-2 text-sm font-medium text-muted hover:text-fg"
                  }
                  aria-label={`${ready > 0 ? "Study" : "Open"} ${deck.title}`}
                >
                  {ready > 0 ? "Study" : "Done for today"}
                </Link>
              </div>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
