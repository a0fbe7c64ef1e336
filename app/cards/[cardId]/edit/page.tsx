import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CardForm } from "@/components/cards/card-form";
import { DeleteCardForm } from "@/components/cards/delete-card-form";
import { getLearnerId } from "@/lib/data/learners";
import { getOwnCard } from "@/lib/data/own-cards";
import { getOwnDecks } from "@/lib/data/own-decks";
import { deleteCard, previewCardMarkdown, saveCard } from "./actions";

export const metadata: Metadata = { title: "Edit card" };

type Props = { params: Promise<{ cardId: string }> };

const actions = { saveCard, previewCardMarkdown };

/** Edits a card in one of the learner's own decks; any other card is not found. */
export default async function EditCardPage(props: Props) {
  const { cardId } = await props.params;
  const learnerId = await getLearnerId();
  const card = learnerId ? await getOwnCard(learnerId, cardId) : null;
  if (!learnerId || !card) notFound();
  const decks = await getOwnDecks(learnerId);
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <Link href={`/cards/${card.id}`} className="text-sm text-muted hover:text-fg">
        ← The card
      </Link>
      <h1 className="text-xl font-semibold tracking-tight">Edit card</h1>
      <CardForm decks={decks} card={card} actions={actions} />
      <DeleteCardForm cardId={card.id} deleteCard={deleteCard} />
    </div>
  );
}
