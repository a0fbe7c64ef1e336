// A learner's search words as a safe full-text query, for SQLite FTS5 and for PostgreSQL's
// tsquery. Both have their own syntax (FTS5: quotes, *, ^, NEAR(…), AND/OR/NOT, column filters
// like "answer:"; tsquery: & | ! <-> :* and quotes), and a malformed query is an SQL error.
// So nothing the learner typed reaches either as syntax: the text is cut into words (letters and
// digits), and the words must all match; the last one also matches as a prefix, so results
// appear while a word is still being typed.

/** Words kept from one query; more add little and make the query slower. */
export const searchWordsMax = 12;

const word = /[\p{L}\p{N}]+/gu;

function searchWords(text: string): string[] {
  return (text.normalize("NFKC").match(word) ?? []).slice(0, searchWordsMax);
}

/** The FTS5 MATCH expression for a query, or null when it holds no word to search for. */
export function toFtsQuery(text: string): string | null {
  const words = searchWords(text);
  if (words.length === 0) return null;
  // A quoted FTS5 string is literal; our words hold no quote, so none needs doubling.
  return words.map((token, index) => (index === words.length - 1 ? `"${token}"*` : `"${token}"`)).join(" ");
}

/** The to_tsquery() text for a query (words joined by &, the last one a prefix), or null when it holds no word. */
export function toTsQuery(text: string): string | null {
  const words = searchWords(text);
  if (words.length === 0) return null;
  // Letters and digits only: none is tsquery syntax, so no word needs quoting.
  return words.map((token, index) => (index === words.length - 1 ? `${token}:*` : token)).join(" & ");
}
