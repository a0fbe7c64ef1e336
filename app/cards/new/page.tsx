import type { Metadata } from "next";
import Link from "next/link";
import { BrowseSubpage } from "@/components/browse/browse-subpage";
import { CardForm } from "@/components/cards/card-form";
import { getLearnerId } from "@/lib/data/learners";
import { getOwnDecks } from "@/lib/data/own-decks";
import { noLearnerMessage } from "@/lib/validations/messages";
import { previewCardMarkdown, saveCard } from "./actions";

export const metadata: Metadata = { title: "New card" };

type Props = { searchParams: Promise<{ deck?: string | string[] }> };

const actions = { saveCard, previewCardMarkdown };

/** A new card in one of the learner's own decks (Quorum's decks are read-only). */
export default async function NewCardPage(props: Props) {
  const { deck } = await props.searchParams;
  const learnerId = await getLearnerId();
  if (!learnerId) return <p className="text-sm">{noLearnerMessage}</p>;
  const decks = await getOwnDecks(learnerId);
  return (
    <BrowseSubpage title="New card">
      {decks.length ? (
        <CardForm decks={decks} defaultDeckId={typeof deck === "string" ? deck : undefined} actions={actions} />
      ) : (
        <p className="text-sm">
          Cards are written in decks of your own; Quorum&apos;s decks are read-only.{" "}
          <Link href="/browse/decks" className="text-accent hover:underline">
            Create a deck first
          </Link>
          .
        </p>
      )}
    </BrowseSubpage>
  );
}
