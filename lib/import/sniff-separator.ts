import { readDelimitedRecords } from "@/lib/import/delimited-records";

// Without `#separator:`, Anki takes the first of tab, pipe, semicolon, colon, comma, space that
// occurs anywhere in the first 8 KB (metadata.rs `delimiter_from_reader`, marked "TODO: use
// smarter heuristic"). That picks colon for a comma file whose questions contain "Q:". Here
// each candidate splits a sample of records with quoting honoured, and the one that gives the
// most records the same field count (at least 2) wins; ties go to the more common separator.

const sampleChars = 64 * 1024;
const sampleRecordsMax = 200;
/** Tab and comma first: they are what people export. */
const preference = ["\t", ",", ";", "|", ":", " "];

function modeCount(counts: number[]): { count: number; share: number } {
  const frequency = new Map<number, number>();
  for (const count of counts) frequency.set(count, (frequency.get(count) ?? 0) + 1);
  let best = { count: 0, share: 0 };
  for (const [count, times] of frequency) {
    if (times > best.share || (times === best.share && count < best.count)) best = { count, share: times };
  }
  return { count: best.count, share: counts.length === 0 ? 0 : best.share / counts.length };
}

/** Picks the separator of a headerless body; tab when nothing splits it (one column). */
export function sniffSeparator(body: string): string {
  const sample = body.slice(0, sampleChars);
  let best = { separator: "\t", share: 0 };
  for (const separator of preference) {
    if (!sample.includes(separator)) continue;
    const { records } = readDelimitedRecords(sample, separator);
    const counts = records
      .filter((record) => !record.isComment)
      .slice(0, sampleRecordsMax)
      .map((record) => record.fields.length);
    const mode = modeCount(counts);
    // Prose splits on spaces too: space wins only when every sampled row has the same count.
    const isCandidate = mode.count >= 2 && (separator !== " " || mode.share === 1);
    if (isCandidate && mode.share > best.share) best = { separator, share: mode.share };
  }
  return best.separator;
}
