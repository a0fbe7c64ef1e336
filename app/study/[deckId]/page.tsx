import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CustomStudyPanel } from "@/components/study/custom-study-panel";
import { DeckLimitsForm } from "@/components/study/deck-limits-form";
import { StudyMoreForm } from "@/components/study/study-more-form";
import { StudySession } from "@/components/study/study-session";
import { clock } from "@/lib/clock";
import { getDeckTags } from "@/lib/data/custom-study";
import { getOwnDeckLimits } from "@/lib/data/deck-limits";
import { getDeckTitle } from "@/lib/data/decks";
import { getLearnerId } from "@/lib/data/learners";
import { getStudySettings } from "@/lib/data/settings";
import { getStudyQueue } from "@/lib/data/study";
import { hasUndoableReview } from "@/lib/data/undo";
import { customStudyFields, describeCustomStudy, parseCustomStudy } from "@/lib/validations/custom-study";
import { firstErrorMessage } from "@/lib/validations/messages";
import { checkStudyAnswer, flagCard, submitGrade, undoGrade } from "./actions";
import { studyMoreNewCards, updateDeckLimits } from "./deck-actions";

type Props = {
  params: Promise<{ deckId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const actions = { submitGrade, checkStudyAnswer, undoGrade, flagCard };

export async function generateMetadata(props: Props): Promise<Metadata> {
  const deck = await getDeckTitle((await props.params).deckId, await getLearnerId());
  return { title: deck ? `Study: ${deck.title}` : "Deck not found" };
}

export default async function StudyPage(props: Props) {
  const { deckId } = await props.params;
  const searchParams = await props.searchParams;
  const { card: preferCardId, v: preferVersion } = searchParams;
  const prefer =
    typeof preferCardId === "string" && typeof preferVersion === "string"
      ? { cardId: preferCardId, version: Number(preferVersion) }
      : undefined;
  const custom = parseCustomStudy(searchParams);
  const learnerId = await getLearnerId();
  const deck = await getDeckTitle(deckId, learnerId);
  if (!deck) notFound();
  const settings = await getStudySettings(learnerId);
  const now = clock.now();
  const [queue, tags, ownLimits, canUndo] = await Promise.all([
    getStudyQueue(learnerId, deck.id, now, settings, { prefer, custom: custom.data }),
    getDeckTags(deck.id),
    getOwnDeckLimits(learnerId, deck.id),
    hasUndoableReview(learnerId),
  ]);
  const session = custom.data
    ? { title: describeCustomStudy(custom.data), fields: customStudyFields(custom.data) }
    : undefined;

  return (
    <div className="mx-auto max-w-3xl space-y-1">
      <Link href={session ? `/study/${deck.id}` : "/"} className="text-sm text-muted hover:text-fg">
        {session ? "← Back to the deck" : "← Decks"}
      </Link>
      {custom.success ? null : (
        <p role="alert" className="rounded-lg border border-danger/40 px-4 py-2 text-sm text-danger">
          {firstErrorMessage(custom.error, "That custom study could not be read.")} Showing the deck&apos;s usual cards
          instead.
        </p>
      )}
      {/* Keyed by the render: after an undo, bury or suspend the page renders again and the session starts afresh.
          An undo redirects here with ?card=&v= (the card it brought back); the session announces it and drops them from
          the URL. */}
      <StudySession
        key={now.getTime()}
        deck={deck}
        custom={session}
        initial={{ ...queue, shownAt: now.getTime() }}
        actions={actions}
        canUndo={canUndo}
        isAfterUndo={prefer !== undefined}
      />
      <CustomStudyPanel
        deckId={deck.id}
        tags={tags}
        studyMore={<StudyMoreForm deckId={deck.id} action={studyMoreNewCards} />}
        deckLimits={<DeckLimitsForm deckId={deck.id} own={ownLimits} defaults={settings} action={updateDeckLimits} />}
      />
    </div>
  );
}
