import type { Metadata } from "next";
import Link from "next/link";
import { BrowseFilters } from "@/components/browse/browse-filters";
import { BrowsePagination } from "@/components/browse/browse-pagination";
import { CardResults } from "@/components/browse/card-results";
import { clock } from "@/lib/clock";
import { getBrowseFacets, searchCards } from "@/lib/data/card-search";
import { getLearnerId } from "@/lib/data/learners";
import { getStudySettings } from "@/lib/data/settings";
import { browseQuerySchema } from "@/lib/validations/browse";
import { noLearnerMessage } from "@/lib/validations/messages";
import { applyBulkAction, studySelected } from "./actions";

export const metadata: Metadata = { title: "Browse cards" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const actions = { applyBulkAction, studySelected };

/** Every card a learner can see: search, filter, sort, and act on a selection. */
export default async function BrowsePage(props: Props) {
  const query = browseQuerySchema.parse(await props.searchParams);
  const learnerId = await getLearnerId();
  if (!learnerId) return <p className="text-sm">{noLearnerMessage}</p>;
  const now = clock.now();
  const [result, facets, { timeZone }] = await Promise.all([
    searchCards(
      learnerId,
      { text: query.q, deckId: query.deck, tag: query.tag, state: query.state, sort: query.sort, page: query.page },
      now,
    ),
    getBrowseFacets(learnerId),
    getStudySettings(learnerId),
  ]);
  const params = Object.fromEntries(
    Object.entries({ q: query.q, deck: query.deck, tag: query.tag, state: query.state, sort: query.sort }).filter(
      (entry): entry is [string, string] => Boolean(entry[1]),
    ),
  );
  return (
    <div className="mx-auto max-w-5xl space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h1 className="text-xl font-semibold tracking-tight">Browse cards</h1>
        <p className="flex gap-4 text-sm">
          <Link href="/cards/new" className="text-accent hover:underline">
            New card
          </Link>
          <Link href="/browse/decks" className="text-accent hover:underline">
            Your decks
          </Link>
        </p>
      </div>
      <BrowseFilters query={query} facets={facets} />
      <p className="text-sm text-muted" role="status">
        {result.total === 0 ? "No card matches." : `${result.total} card${result.total === 1 ? "" : "s"} match.`}
      </p>
      {result.total ? (
        <CardResults
          key={JSON.stringify([params, result.page])}
          cards={result.cards}
          timeZone={timeZone}
          actions={actions}
        />
      ) : null}
      <BrowsePagination params={params} page={result.page} pageCount={result.pageCount} />
    </div>
  );
}
