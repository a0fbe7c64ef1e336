// Documented import limits: files over a documented size limit are refused.
// 5 MB holds ~10,000 long cards with room to spare; both limits keep one import well inside a
// single SQLite transaction and a server action's request body, and bound the parse time.

export const importBytesMax = 5 * 1024 * 1024;
export const importCardsMax = 10_000;
/** Per field, after sanitising. Anki has no limit; 20,000 characters is ~10 printed pages. */
export const cardFieldCharsMax = 20_000;
export const cardTagsMax = 50;
export const tagCharsMax = 100;

export type SizeCheck = { ok: true } | { ok: false; message: string };

function formatMegabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/**
 * Refuses a file over the size or card-count limit. Call it with the byte length before parsing
 * (cardCount 0) and again with the number of cards parsed.
 */
export function checkImportSize(bytes: number, cardCount: number): SizeCheck {
  if (bytes > importBytesMax) {
    return {
      ok: false,
      message:
        `The file is ${formatMegabytes(bytes)}; the limit is ` +
        `${formatMegabytes(importBytesMax)}. Split it into smaller files.`,
    };
  }
  if (cardCount > importCardsMax) {
    return {
      ok: false,
      message:
        `The file has ${cardCount.toLocaleString("en-US")} cards; the limit is ` +
        `${importCardsMax.toLocaleString("en-US")} per import. Split it into smaller files.`,
    };
  }
  return { ok: true };
}
