import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Panel } from "@/components/ui/panel";
import { CardHtml } from "@/components/study/card-html";
import { RevealedAnswer } from "@/components/study/revealed-answer";
import { SourceList } from "@/components/study/source-list";
import { getCardPage } from "@/lib/data/cards";
import { getLearnerId } from "@/lib/data/learners";
import { getStudySettings } from "@/lib/data/settings";
import { formatLocalDateTime } from "@/lib/ui/local-time";

export const metadata: Metadata = { title: "Card" };

const ratingNames = ["", "Again", "Hard", "Good", "Easy"];

type Props = { params: Promise<{ cardId: string }> };

/** A card on its own: question, answer, sources, its replay, and the learner's history of it. */
export default async function CardPage(props: Props) {
  const { cardId } = await props.params;
  const learnerId = await getLearnerId();
  const [card, { timeZone }] = await Promise.all([getCardPage(cardId, learnerId), getStudySettings(learnerId)]);
  if (!card) notFound();
  return (
    <div className="mx-auto max-w-3xl space-y-5">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <Link href={`/study/${card.deckId}`} className="text-sm text-muted hover:text-fg">
          ← {card.deckTitle}
        </Link>
        {card.isOwn ? (
          <Link
            href={`/cards/${card.id}/edit`}
            className="rounded-md border border-line px-4 py-2 text-sm hover:bg-surface-2"
          >
            Edit
          </Link>
        ) : null}
        {card.replay ? (
          <Link
            href={card.replay.href}
            className="rounded-md bg-accent px-4 py-2 text-sm font-medium text-accent-fg hover:opacity-90"
          >
            Replay the simulation
          </Link>
        ) : null}
      </div>
      <article className="rounded-xl border border-line bg-surface" aria-label="Card">
        <div className="p-5 sm:p-7">
          <h1 className="sr-only">Question</h1>
          <CardHtml html={card.promptHtml} className="text-[1.0625rem]" />
        </div>
        <div className="border-t border-line p-5 sm:p-7">
          <h2 className="mb-3 text-xs font-semibold uppercase tracking-wider text-muted">Answer</h2>
          <RevealedAnswer answerHtml={card.answerHtml} interview={card.interview} />
          <SourceList sources={card.sources} />
        </div>
      </article>
      <Panel title="Your reviews" spacing="space-y-2">
        {card.reviews.length === 0 ? (
          <p className="text-sm text-muted">You have not reviewed this card yet.</p>
        ) : (
          <ul className="space-y-1 text-sm">
            {card.reviews.map((review, index) => (
              <li key={index} className={review.undone ? "text-muted line-through" : ""}>
                <time dateTime={review.reviewedAt.toISOString()}>
                  {formatLocalDateTime(review.reviewedAt, timeZone)}
                </time>{" "}
                · {ratingNames[review.rating]}
                {review.source === "quiz" ? " (quiz)" : ""}
                {review.undone ? " (undone)" : ""}
              </li>
            ))}
          </ul>
        )}
      </Panel>
    </div>
  );
}
