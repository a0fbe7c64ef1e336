// A learner's storage quota: the bytes of their imported cards as stored (the Markdown or HTML
// source and the HTML rendered from it, UTF-8). Quorum's own decks do not count. What is stored
// now is read by lib/data/stored-card-bytes.ts.

export const storageQuotaBytes = 20 * 1024 * 1024;

export type QuotaCheck = { ok: true } | { ok: false; message: string };

const megabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

export function cardBytesOf(card: { front: string; back: string; promptHtml: string; answerHtml: string }): number {
  return [card.front, card.back, card.promptHtml, card.answerHtml].reduce(
    (sum, text) => sum + Buffer.byteLength(text, "utf8"),
    0,
  );
}

export function checkStorageQuota(usedBytes: number, newBytes: number, quotaBytes: number): QuotaCheck {
  if (usedBytes + newBytes <= quotaBytes) return { ok: true };
  return {
    ok: false,
    message:
      `This import needs ${megabytes(newBytes)} and your imported decks already use ${megabytes(usedBytes)} ` +
      `of your ${megabytes(quotaBytes)} storage quota; nothing was imported. Import a smaller file.`,
  };
}
