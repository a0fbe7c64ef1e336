// The mock interview's hint: which key points a typed answer probably covered, by the overlap of
// significant words. It is a suggestion the learner sees marked as a hint and may untick; the
// learner's ticks are what count. Pure.

/** Words too common to say anything about coverage. */
const stopWords = new Set(
  (
    "a an and are as at be because been but by can do does for from has have how if in into is " +
    "it its not of on once one only or so than that the their them then there these they this to " +
    "two up was what when where which while who why will with without would you your"
  ).split(" "),
);

/** A crude stem so "replicas" meets "replica" and "validating" meets "validate": enough for a hint, never a grade. */
function stem(word: string): string {
  return word.replace(/(ing|ed|es|s)$/, "").replace(/e$/, "");
}

/**
 * The significant words of a text: lower-cased, without Markdown punctuation, stop words or one- and two-letter words
 * (numbers stay).
 */
export function significantWords(text: string): Set<string> {
  const words = text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
  return new Set(words.filter((word) => !stopWords.has(word) && (word.length > 2 || /^\d+$/.test(word))).map(stem));
}

/** How much of a key point must appear in the answer for the hint to tick it. */
const hintShareMin = 0.5;

/** The indices of the key points whose significant words the answer shares, at least `hintShareMin` of them. */
export function hintKeyPoints(answer: string, keyPoints: string[]): number[] {
  const said = significantWords(answer);
  return keyPoints.flatMap((point, index) => {
    const needed = [...significantWords(point)];
    if (needed.length === 0) return [];
    const shared = needed.filter((word) => said.has(word)).length;
    return shared / needed.length >= hintShareMin ? [index] : [];
  });
}
