// A learner's search words as a safe SQLite FTS5 query. FTS5 has its own syntax (quotes, *, ^,
// NEAR(…), AND/OR/NOT, column filters like "answer:"), and a malformed query is an SQL error.
// So nothing the learner typed reaches FTS5 as syntax: the text is cut into words (letters and
// digits), each word becomes a quoted string, and the words must all match; the last one also
// matches as a prefix, so results appear while a word is still being typed.

/** Words kept from one query; more add little and make the query slower. */
export const searchWordsMax = 12;

const word = /[\p{L}\p{N}]+/gu;

/** The FTS5 MATCH expression for a query, or null when it holds no word to search for. */
export function toFtsQuery(text: string): string | null {
  const words = (text.normalize("NFKC").match(word) ?? []).slice(0, searchWordsMax);
  if (words.length === 0) return null;
  // A quoted FTS5 string is literal; our words hold no quote, so none needs doubling.
  return words.map((token, index) => (index === words.length - 1 ? `"${token}"*` : `"${token}"`)).join(" ");
}
