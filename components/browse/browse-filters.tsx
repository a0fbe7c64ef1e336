import { inputClass } from "@/components/ui/field";
import type { BrowseFacets } from "@/lib/data/card-search";
import { cardSorts, cardStateFilters, type BrowseQuery } from "@/lib/validations/browse";

const sortLabels = {
  deck: "Deck order",
  due: "Due date",
  interval: "Interval (longest)",
  lapses: "Lapses (most)",
  difficulty: "Difficulty (hardest)",
} as const;

/** The search box and filters: a plain GET form, so a search is a URL and works without JavaScript. */
export function BrowseFilters({ query, facets }: { query: BrowseQuery; facets: BrowseFacets }) {
  return (
    <form
      role="search"
      method="get"
      action="/browse"
      className={
        "grid grid-cols-2 gap-3 rounded-xl border border-line " +
        "bg-surface p-4 lg:grid-cols-[2fr_1fr_1fr_1fr_1fr_auto]"
      }
    >
      <div className="col-span-2 space-y-1 lg:col-span-1">
        <label htmlFor="q" className="block text-sm font-medium">
          Search fronts and backs
        </label>
        <input
          id="q"
          name="q"
          type="search"
          defaultValue={query.q}
          maxLength={200}
          placeholder="e.g. etcd quorum"
          className={inputClass}
        />
      </div>
      <Select
        id="deck"
        label="Deck"
        value={query.deck}
        options={facets.decks.map((deck) => [deck.id, deck.isOwn ? `${deck.title} (yours)` : deck.title])}
        any="All decks"
      />
      <Select id="tag" label="Tag" value={query.tag} options={facets.tags.map((tag) => [tag, tag])} any="All tags" />
      <Select
        id="state"
        label="State"
        value={query.state}
        options={cardStateFilters.map((state) => [state, state[0]!.toUpperCase() + state.slice(1)])}
        any="Any state"
      />
      <Select
        id="sort"
        label="Sort by"
        value={query.sort}
        options={cardSorts.map((sort) => [sort, sortLabels[sort]])}
      />
      <div className="col-span-2 flex items-end lg:col-span-1">
        <button
          type="submit"
          className="rounded-md bg-accent px-4 py-2 text-sm font-medium text-accent-fg hover:opacity-90"
        >
          Search
        </button>
      </div>
    </form>
  );
}

function Select(props: {
  id: string;
  label: string;
  value: string | undefined;
  options: [string, string][];
  any?: string;
}) {
  return (
    <div className="min-w-0 space-y-1">
      <label htmlFor={props.id} className="block text-sm font-medium">
        {props.label}
      </label>
      <select id={props.id} name={props.id} defaultValue={props.value ?? ""} className={inputClass}>
        {props.any ? <option value="">{props.any}</option> : null}
        {props.options.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </div>
  );
}
