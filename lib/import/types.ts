// What the import parsers hand to the app. They never touch the database: the caller validates
// nothing further, checks `errors`, and writes all the cards or none (nothing
// half-imported).

/**
 * "html": sanitised HTML, safe to render as is. "markdown": Markdown whose raw HTML must be dropped by the renderer
 * (lib/content/markdown.ts does).
 */
export type CardFormat = "html" | "markdown";

export type ImportFormat = "anki" | "markdown";

export type ImportedCard = {
  /** 1-based line of the file where the card's row or block starts, for messages. */
  line: number;
  front: string;
  back: string;
  format: CardFormat;
  /** Anki tags (may contain `::`) or kebab-case section tags from Markdown headings. */
  tags: string[];
  /** Deck path from the file (`#deck:` or the deck column, Anki's `A::B` form), if it names one. */
  deck?: string;
  /** Anki note GUID from `#guid column:`, so a re-import can recognise the same note. */
  guid?: string;
};

/** A row or block that is not a card but does not make the file wrong (empty answer, comment line). */
export type SkippedItem = { line: number; reason: string };

/**
 * Something wrong with the file: the caller must import nothing while there is any. Line 0 is the file as a whole
 * (size, encoding).
 */
export type ImportError = { line: number; message: string };

export type ImportMeta = {
  format: ImportFormat;
  /** Anki only: the separator used and whether the header forced it or it was sniffed. */
  separator?: string;
  separatorSource?: "header" | "sniffed";
  /** Anki only: whether fields were read as HTML (`#html:` or detected). */
  html?: boolean;
  deck?: string;
  notetype?: string;
  /** Tags the header adds to every card (`#tags:` or the legacy first line `tags:`). */
  tags: string[];
  /** Column labels from `#columns:`, if any. */
  columns?: string[];
  /** Header keys that were not understood and were ignored, as Anki ignores them. */
  ignoredHeaders: string[];
};

export type ImportResult = {
  cards: ImportedCard[];
  skipped: SkippedItem[];
  errors: ImportError[];
  meta: ImportMeta;
};

/** What importing a file as a deck answers: the new deck, or what to fix (nothing was written). */
export type ImportOutcome =
  | { ok: true; deckId: string; deckName: string; imported: number; skipped: ImportResult["skipped"] }
  | { ok: false; message: string; errors: ImportResult["errors"]; skipped: ImportResult["skipped"] };
