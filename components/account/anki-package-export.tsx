import { DeckOptions } from "@/components/ui/deck-options";
import { Field, inputClass } from "@/components/ui/field";

/** Downloads one deck (or all) as an Anki package: a plain GET form, so it works without JavaScript. */
export function AnkiPackageExport({ decks }: { decks: { id: string; title: string }[] }) {
  return (
    <form method="get" action="/api/export/deck.apkg" className="flex flex-wrap items-end gap-3">
      <Field id="export-deck" label="Deck" hasErrorRegion={false}>
        <select id="export-deck" name="deck" defaultValue="" className={inputClass}>
          <option value="">All decks</option>
          <DeckOptions decks={decks} />
        </select>
      </Field>
      <button
        type="submit"
        className="rounded-md border border-line bg-surface-2 px-4 py-2 text-sm font-medium hover:bg-surface"
      >
        Download .apkg
      </button>
    </form>
  );
}
