import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { sqlDialect } from "@/lib/database/sql-dialect";
import { browsePageSize, type CardSort, type CardStateFilter } from "@/lib/validations/browse";
import { visibleDeckWhere } from "./visibility";

// The card browser's one query: full-text search (SQLite FTS5 or PostgreSQL tsvector, made by
// each provider's *_card_search migration) with filters, a sort and a page, over the cards this
// learner may see. What differs between the two databases (the match, JSON arrays) comes from
// lib/database/sql-dialect.ts.

export type BrowseFilter = {
  text: string;
  deckId?: string;
  tag?: string;
  state?: CardStateFilter;
  sort: CardSort;
  page: number;
};

export type BrowsedCard = {
  id: string;
  deckId: string;
  deckTitle: string;
  isOwnDeck: boolean;
  prompt: string;
  tags: string[];
  state: "new" | "learning" | "review" | "suspended" | "buried";
  isLeech: boolean;
  due: Date | null;
  intervalDays: number | null;
  lapses: number;
  difficulty: number | null;
};

export type BrowseResult = { cards: BrowsedCard[]; total: number; page: number; pageCount: number };

type Row = {
  id: string;
  deckId: string;
  deckTitle: string;
  ownerId: string | null;
  prompt: string;
  /** JSON text, or already parsed: the adapter decodes a JSON column it recognises. */
  tags: unknown;
  state: number | bigint | null;
  due: string | null;
  scheduledDays: number | bigint | null;
  lapses: number | bigint | null;
  difficulty: number | null;
  suspendedAt: string | null;
  buriedUntil: string | null;
  leechAt: string | null;
};

const tagList = z.array(z.string()).catch([]);
const learningStates = Prisma.sql`(1, 3)`;

function stateWhere(state: CardStateFilter | undefined, nowIso: string): Prisma.Sql {
  const isShown = Prisma.sql`cs."suspendedAt" IS NULL AND (cs."buriedUntil" IS NULL OR cs."buriedUntil" <= ${nowIso})`;
  switch (state) {
    case undefined:
      return Prisma.empty;
    case "new":
      return Prisma.sql`AND (cs."id" IS NULL OR (cs."state" = 0 AND ${isShown}))`;
    case "learning":
      return Prisma.sql`AND cs."state" IN ${learningStates} AND ${isShown}`;
    case "review":
      return Prisma.sql`AND cs."state" = 2 AND ${isShown}`;
    case "suspended":
      return Prisma.sql`AND cs."suspendedAt" IS NOT NULL`;
    case "buried":
      return Prisma.sql`AND cs."suspendedAt" IS NULL AND cs."buriedUntil" > ${nowIso}`;
    case "leech":
      return Prisma.sql`AND cs."leechAt" IS NOT NULL`;
  }
}

const orderBy: Record<CardSort, Prisma.Sql> = {
  deck: Prisma.sql`d."position", c."position", c."id"`,
  due: Prisma.sql`cs."due" IS NULL, cs."due", d."position", c."position", c."id"`,
  interval: Prisma.sql`cs."scheduledDays" IS NULL, cs."scheduledDays" DESC, d."position", c."position", c."id"`,
  lapses: Prisma.sql`COALESCE(cs."lapses", 0) DESC, d."position", c."position", c."id"`,
  difficulty: Prisma.sql`cs."difficulty" IS NULL, cs."difficulty" DESC, d."position", c."position", c."id"`,
};

/** One page of the cards a learner can see that match the filter, with their memory state. */
export async function searchCards(learnerId: string, filter: BrowseFilter, now: Date): Promise<BrowseResult> {
  const nowIso = now.toISOString();
  const dialect = sqlDialect();
  const match = dialect.cardIdMatches(filter.text);
  const from = Prisma.sql`
    FROM "Card" c
    JOIN "Deck" d ON d."id" = c."deckId"
    LEFT JOIN "CardState" cs ON cs."cardId" = c."id" AND cs."userId" = ${learnerId}
    WHERE c."retiredAt" IS NULL AND d."retiredAt" IS NULL AND (d."ownerId" IS NULL OR d."ownerId" = ${learnerId})
    ${match ? Prisma.sql`AND ${match}` : Prisma.empty}
    ${filter.deckId ? Prisma.sql`AND c."deckId" = ${filter.deckId}` : Prisma.empty}
    ${filter.tag ? Prisma.sql`AND ${dialect.jsonArrayHas(Prisma.sql`c."tags"`, filter.tag)}` : Prisma.empty}
    ${stateWhere(filter.state, nowIso)}`;
  const [countRows] = await db.$queryRaw<{ total: number | bigint }[]>`SELECT COUNT(*) AS total ${from}`;
  const total = Number(countRows?.total ?? 0);
  const pageCount = Math.max(1, Math.ceil(total / browsePageSize));
  const page = Math.min(filter.page, pageCount);
  const rows = await db.$queryRaw<Row[]>`
    SELECT c."id", c."deckId", d."title" AS "deckTitle", d."ownerId", substr(c."prompt", 1, 300) AS "prompt", c."tags",
      cs."state", cs."due", cs."scheduledDays", cs."lapses", cs."difficulty", cs."suspendedAt", cs."buriedUntil",
      cs."leechAt"
    ${from}
    ORDER BY ${orderBy[filter.sort]}
    LIMIT ${browsePageSize} OFFSET ${(page - 1) * browsePageSize}`;
  return { cards: rows.map((row) => toBrowsedCard(row, learnerId, nowIso)), total, page, pageCount };
}

function toBrowsedCard(row: Row, learnerId: string, nowIso: string): BrowsedCard {
  const state = row.state === null ? 0 : Number(row.state);
  const isBuried = row.buriedUntil !== null && toIso(row.buriedUntil) > nowIso;
  return {
    id: row.id,
    deckId: row.deckId,
    deckTitle: row.deckTitle,
    isOwnDeck: row.ownerId === learnerId,
    prompt: plainText(row.prompt),
    tags: tagList.parse(typeof row.tags === "string" ? JSON.parse(row.tags) : row.tags),
    state:
      row.suspendedAt !== null
        ? "suspended"
        : isBuried
          ? "buried"
          : state === 0
            ? "new"
            : state === 2
              ? "review"
              : "learning",
    isLeech: row.leechAt !== null,
    due: row.due === null || state === 0 ? null : new Date(row.due),
    intervalDays: row.scheduledDays === null || state === 0 ? null : Number(row.scheduledDays),
    lapses: Number(row.lapses ?? 0),
    difficulty: row.difficulty === null || state === 0 ? null : row.difficulty,
  };
}

const toIso = (value: string) => new Date(value).toISOString();

/** A prompt's first words without Markdown marks, for a one-line listing. */
function plainText(markdown: string): string {
  const text = markdown
    .replace(/[`*_#>\[\]()|]/g, "")
    .replace(/\s+/g, " ")
    .trim();
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
}

export type BrowseFacets = { decks: { id: string; title: string; isOwn: boolean }[]; tags: string[] };

/** The decks and tags a learner can filter by: those of the cards they can see. */
export async function getBrowseFacets(learnerId: string): Promise<BrowseFacets> {
  const tagElements = sqlDialect().jsonStrings(Prisma.sql`c."tags"`);
  const [decks, tags] = await Promise.all([
    db.deck.findMany({
      where: visibleDeckWhere(learnerId),
      orderBy: { position: "asc" },
      select: { id: true, title: true, ownerId: true },
    }),
    db.$queryRaw<{ tag: string }[]>`
      SELECT DISTINCT t."value" AS "tag"
      FROM "Card" c JOIN "Deck" d ON d."id" = c."deckId", ${tagElements.from}
      WHERE c."retiredAt" IS NULL AND d."retiredAt" IS NULL AND (d."ownerId" IS NULL OR d."ownerId" = ${learnerId})
        AND ${tagElements.where}
      ORDER BY t."value"`,
  ]);
  return {
    decks: decks.map((deck) => ({ id: deck.id, title: deck.title, isOwn: deck.ownerId === learnerId })),
    tags: tags.map((row) => row.tag),
  };
}
