import type { Metadata } from "next";
import Link from "next/link";
import { StudySession } from "@/components/study/study-session";
import { clock } from "@/lib/clock";
import { getLearnerId } from "@/lib/data/learners";
import { getSelectionQueue } from "@/lib/data/selection-study";
import { getStudySettings } from "@/lib/data/settings";
import { hasUndoableReview } from "@/lib/data/undo";
import { selectionQuerySchema } from "@/lib/validations/browse";
import { firstErrorMessage, noLearnerMessage } from "@/lib/validations/messages";
import { checkSelectionAnswer, flagSelectionCard, submitSelectionGrade, undoSelectionGrade } from "./actions";

export const metadata: Metadata = { title: "Study the selected cards" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** "Study these" from the browser: a session over the selected cards (lib/data/selection-study.ts). */
export default async function SelectionStudyPage(props: Props) {
  const searchParams = await props.searchParams;
  const parsed = selectionQuerySchema.safeParse(searchParams);
  const learnerId = await getLearnerId();
  if (!parsed.success || !learnerId) {
    return (
      <p role="alert" className="text-sm">
        {learnerId ? firstErrorMessage(parsed.error!, "This study link is incomplete.") : noLearnerMessage}{" "}
        <Link href="/browse" className="text-accent hover:underline">
          Back to the browser
        </Link>
      </p>
    );
  }
  const selection = { cards: parsed.data.cards.join(","), since: String(parsed.data.since) };
  const settings = await getStudySettings(learnerId);
  const now = clock.now();
  const [queue, canUndo] = await Promise.all([
    getSelectionQueue(learnerId, { cardIds: parsed.data.cards, since: new Date(parsed.data.since) }, now, settings),
    hasUndoableReview(learnerId),
  ]);
  const actions = {
    submitGrade: submitSelectionGrade.bind(null, selection),
    undoGrade: undoSelectionGrade.bind(null, selection),
    checkStudyAnswer: checkSelectionAnswer,
    flagCard: flagSelectionCard,
  };
  const deck = { id: "selection", title: `Selected cards (${parsed.data.cards.length})` };
  return (
    <div className="mx-auto max-w-3xl space-y-1">
      <Link href="/browse" className="text-sm text-muted hover:text-fg">
        ← Browse
      </Link>
      <StudySession
        key={now.getTime()}
        deck={deck}
        initial={{ ...queue, shownAt: now.getTime() }}
        actions={actions}
        canUndo={canUndo}
        isAfterUndo={false}
      />
    </div>
  );
}
