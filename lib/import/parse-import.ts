import { checkMarkdownStructure } from "@/lib/content/markdown-structure";
import { detectImportFormat } from "@/lib/import/detect-format";
import { checkImportSize } from "@/lib/import/limits";
import { parseAnkiText } from "@/lib/import/parse-anki-text";
import { parseMarkdownQa } from "@/lib/import/parse-markdown-qa";
import { decodeImportBytes } from "@/lib/import/text-input";
import type { ImportedCard, ImportError, ImportFormat, ImportResult } from "@/lib/import/types";

// The one entry point the web upload and `npm run import` share: size limit, UTF-8, format,
// parse, card-count limit, and the structure caps of every Markdown card (so that nothing is
// rendered from a file with a card over them). Pure: bytes in, result out. File-wide problems
// are errors on line 0.

type ImportFileInput = {
  bytes: Uint8Array;
  fileName: string;
  /** Forces a parser; otherwise detectImportFormat decides. */
  format?: ImportFormat;
};

/** A result for a file refused as a whole (too large, not UTF-8): one error on line 0. */
export function refusedImportFile(format: ImportFormat, message: string): ImportResult {
  return { cards: [], skipped: [], errors: [{ line: 0, message }], meta: { format, tags: [], ignoredHeaders: [] } };
}

/** Parses an uploaded file. Import the cards only when `errors` is empty. */
export function parseImportFile(input: ImportFileInput): ImportResult {
  const fallbackFormat = input.format ?? "anki";
  const size = checkImportSize(input.bytes.byteLength, 0);
  if (!size.ok) return refusedImportFile(fallbackFormat, size.message);
  const decoded = decodeImportBytes(input.bytes);
  if (!decoded.ok) return refusedImportFile(fallbackFormat, decoded.message);
  const format = input.format ?? detectImportFormat(input.fileName, decoded.text);
  const result = format === "markdown" ? parseMarkdownQa(decoded.text) : parseAnkiText(decoded.text);
  const count = checkImportSize(input.bytes.byteLength, result.cards.length);
  if (!count.ok) return { ...result, cards: [], errors: [{ line: 0, message: count.message }, ...result.errors] };
  const structure = structureErrors(result.cards);
  return structure.length ? { ...result, cards: [], errors: [...result.errors, ...structure] } : result;
}

/** Structure errors at most reported; one is enough to fix the file, a few show the pattern. */
const structureErrorsMax = 20;

function structureErrors(cards: ImportedCard[]): ImportError[] {
  const errors: ImportError[] = [];
  for (const card of cards) {
    if (card.format !== "markdown") continue;
    for (const side of ["front", "back"] as const) {
      const check = checkMarkdownStructure(card[side]);
      if (!check.ok)
        errors.push({
          line: card.line,
          message: `The card at line ${card.line} goes past a Markdown limit: in its ${side}, ${check.message}`,
        });
    }
    if (errors.length >= structureErrorsMax) break;
  }
  return errors;
}
