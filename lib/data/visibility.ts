import "server-only";

// Who may see what: Quorum's own decks are everyone's; an imported deck is its owner's alone.
// Every read and write of decks and cards goes through these filters (the DAL is where
// authorization lives), so another learner's private deck looks exactly like no deck at all.

export function visibleDeckWhere(learnerId: string | null) {
  return { retiredAt: null, OR: [{ ownerId: null }, ...(learnerId ? [{ ownerId: learnerId }] : [])] };
}

export function visibleCardWhere(learnerId: string | null) {
  return { retiredAt: null, deck: visibleDeckWhere(learnerId) };
}

/** The decks a learner may change: their own (imported or made here), not retired. Quorum's decks never match. */
export function ownDeckWhere(learnerId: string) {
  return { ownerId: learnerId, retiredAt: null };
}
