/** A `<select>`'s options, one per deck, valued by its id and shown by its title. */
export function DeckOptions({ decks }: { decks: { id: string; title: string }[] }) {
  return decks.map((deck) => (
    <option key={deck.id} value={deck.id}>
      {deck.title}
    </option>
  ));
}
