import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { StudySession } from "@/components/study/study-session";
import { getDeckTitle } from "@/lib/data/decks";
import { getLearnerId } from "@/lib/data/learners";
import { getStudySettings } from "@/lib/data/settings";
import { getStudyQueue } from "@/lib/data/study";
import { checkStudyAnswer, flagCard, submitGrade, undoGrade } from "./actions";

type Props = { params: Promise<{ deckId: string }>; searchParams: Promise<{ card?: string | string[]; v?: string | string[] }> };

const actions = { submitGrade, checkStudyAnswer, undoGrade, flagCard };

export async function generateMetadata(props: Props): Promise<Metadata> {
  const deck = await getDeckTitle((await props.params).deckId, await getLearnerId());
  return { title: deck ? `Study: ${deck.title}` : "Deck not found" };
}

export default async function StudyPage(props: Props) {
  const { deckId } = await props.params;
  const { card: preferCardId, v: preferVersion } = await props.searchParams;
  const prefer = typeof preferCardId === "string" && typeof preferVersion === "string" ? { cardId: preferCardId, version: Number(preferVersion) } : undefined;
  const learnerId = await getLearnerId();
  const deck = await getDeckTitle(deckId, learnerId);
  if (!deck) notFound();
  const settings = await getStudySettings(learnerId);
  const now = new Date();
  const queue = await getStudyQueue(learnerId, deck.id, now, settings, { prefer });

  return (
    <div className="mx-auto max-w-3xl space-y-1">
      <Link href="/" className="text-sm text-muted hover:text-fg">
        ← Decks
      </Link>
      {/* Keyed by the render: after an undo, bury or suspend the page renders again and the session starts afresh. */}
      <StudySession key={now.getTime()} deck={deck} initial={{ ...queue, shownAt: now.getTime() }} actions={actions} />
    </div>
  );
}
