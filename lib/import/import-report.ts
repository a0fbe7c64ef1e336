import { separatorNames } from "@/lib/import/anki-header";
import type { ImportResult } from "@/lib/import/types";

// What `npm run import` prints (and what an upload page can show): how many cards, how many
// skipped and why, every error with its line. Pure formatting; the command decides exit codes.

export type ImportReportContext = {
  fileName: string;
  deckName: string;
  dryRun: boolean;
  /** Cards written to the database; undefined when nothing was written. */
  imported?: number;
};

export type ImportReportJson = {
  file: string;
  format: ImportResult["meta"]["format"];
  deck: string;
  dryRun: boolean;
  ok: boolean;
  cards: number;
  imported: number | null;
  skipped: ImportResult["skipped"];
  skippedByReason: Record<string, number>;
  errors: ImportResult["errors"];
  meta: ImportResult["meta"];
};

/** Lines listed per section before "… and N more", so a broken 10,000-row file stays readable. */
const reportLinesMax = 50;

function countSkippedByReason(result: ImportResult): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of result.skipped) counts[item.reason] = (counts[item.reason] ?? 0) + 1;
  return counts;
}

function listed(items: Array<{ line: number; text: string }>): string[] {
  const lines = items
    .slice(0, reportLinesMax)
    .map((item) => (item.line > 0 ? `  line ${item.line}: ${item.text}` : `  ${item.text}`));
  if (items.length > reportLinesMax) lines.push(`  … and ${items.length - reportLinesMax} more`);
  return lines;
}

function describeSource(result: ImportResult): string {
  const { meta } = result;
  if (meta.format === "markdown") return "Markdown Q&A (<details> blocks)";
  const separator =
    Object.entries(separatorNames).find(([, char]) => char === meta.separator)?.[0] ?? JSON.stringify(meta.separator);
  return (
    `Anki plain text, ${separator}-separated ` +
    `(${meta.separatorSource === "header" ? "from the header" : "detected"}), ${meta.html ? "HTML" : "plain"} ` +
    "fields"
  );
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

/** The human-readable report, ending with a newline. */
export function formatImportReport(result: ImportResult, context: ImportReportContext): string {
  const out = [`${context.fileName}: ${describeSource(result)}`];
  if (result.errors.length > 0) {
    out.push(`${plural(result.errors.length, "error")}; nothing was imported:`);
    out.push(...listed(result.errors.map((error) => ({ line: error.line, text: error.message }))));
  } else if (context.imported !== undefined) {
    out.push(`${plural(context.imported, "card")} imported into deck "${context.deckName}".`);
  } else {
    out.push(
      `${plural(result.cards.length, "card")} ${context.dryRun ? "would be imported" : "ready to import"} ` +
        `into deck "${context.deckName}"${context.dryRun ? " (dry run: nothing written)" : ""}.`,
    );
  }
  if (result.skipped.length > 0) {
    const reasons = Object.entries(countSkippedByReason(result)).map(([reason, count]) => `${count} ${reason}`);
    out.push(`${plural(result.skipped.length, "item")} skipped (${reasons.join(", ")}):`);
    out.push(...listed(result.skipped.map((item) => ({ line: item.line, text: item.reason }))));
  }
  if (result.meta.ignoredHeaders.length > 0)
    out.push(
      `Ignored unknown header${result.meta.ignoredHeaders.length === 1 ? "" : "s"}: ` +
        `${result.meta.ignoredHeaders.map((key) => `#${key}`).join(", ")}`,
    );
  return `${out.join("\n")}\n`;
}

/** The `--json` report: a stable shape for scripts. */
export function importReportJson(result: ImportResult, context: ImportReportContext): ImportReportJson {
  return {
    file: context.fileName,
    format: result.meta.format,
    deck: context.deckName,
    dryRun: context.dryRun,
    ok: result.errors.length === 0,
    cards: result.cards.length,
    imported: context.imported ?? null,
    skipped: result.skipped,
    skippedByReason: countSkippedByReason(result),
    errors: result.errors,
    meta: result.meta,
  };
}
