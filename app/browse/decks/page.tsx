import type { Metadata } from "next";
import { BrowseSubpage } from "@/components/browse/browse-subpage";
import { NewDeckForm, OwnDeckRow } from "@/components/browse/own-deck-forms";
import { Panel } from "@/components/ui/panel";
import { getLearnerId } from "@/lib/data/learners";
import { getOwnDeckList } from "@/lib/data/own-decks";
import { noLearnerMessage } from "@/lib/validations/messages";
import { createDeck, deleteDeck, renameDeck } from "./actions";

export const metadata: Metadata = { title: "Your decks" };

const rowActions = { renameDeck, deleteDeck };

/** The learner's own decks (imported or made here): create, rename, delete. Quorum's decks are read-only. */
export default async function OwnDecksPage() {
  const learnerId = await getLearnerId();
  if (!learnerId) return <p className="text-sm">{noLearnerMessage}</p>;
  const decks = await getOwnDeckList(learnerId);
  return (
    <BrowseSubpage title="Your decks">
      <Panel title="New deck">
        <NewDeckForm createDeck={createDeck} />
      </Panel>
      {decks.length ? (
        <ul aria-label="Your decks" className="divide-y divide-line rounded-xl border border-line bg-surface">
          {decks.map((deck) => (
            <OwnDeckRow key={deck.id} deck={deck} actions={rowActions} />
          ))}
        </ul>
      ) : (
        <p className="text-sm text-muted">
          You have no deck of your own yet: create one above, or import one from your account page.
        </p>
      )}
    </BrowseSubpage>
  );
}
