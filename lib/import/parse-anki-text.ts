import { mapAnkiColumns, type ColumnMap } from "@/lib/import/anki-columns";
import { ankiFieldToHtml, checkAnkiField, isBlankHtml, looksLikeHtml } from "@/lib/import/anki-field";
import { collectTags, readAnkiHeader, separatorNames, type AnkiHeader } from "@/lib/import/anki-header";
import { validatedResult } from "@/lib/import/card-schema";
import { clozeBack, clozeFront, hasCloze } from "@/lib/import/cloze";
import { readDelimitedRecords, type DelimitedRecord } from "@/lib/import/delimited-records";
import { sniffSeparator } from "@/lib/import/sniff-separator";
import { normalizeImportText } from "@/lib/import/text-input";
import type { ImportError, ImportedCard, ImportResult, SkippedItem } from "@/lib/import/types";

// Anki "Notes in Plain Text" / CSV / TSV, with or without Anki's header lines. Each row is one
// Basic-style card: front and back from the mapped columns (other notetypes give their first
// two fields; a Cloze note gives a cloze card, see cloze.ts). Pure: text in, result out.

type AnkiTextOptions = {
  /** Overrides `#separator:` and sniffing, like the separator picker of Anki's import dialog. */
  separator?: string;
  /** Overrides `#html:` and detection. */
  html?: boolean;
};

type RowContext = { header: AnkiHeader; map: ColumnMap; html: boolean; separatorName: string };

type RowOutcome = { card: ImportedCard } | { skipped: string } | { error: string } | { ignored: true };

function columnText(fields: string[], index: number | undefined): string | undefined {
  const value = index === undefined ? undefined : fields[index]?.trim();
  return value ? value : undefined;
}

function frontAndBack(fields: string[], context: RowContext): { front: string; back: string } {
  const { map, html, header } = context;
  const front = ankiFieldToHtml(fields[map.front] ?? "", html);
  const back = ankiFieldToHtml(fields[map.back] ?? "", html);
  const notetype = columnText(fields, map.meta.notetype) ?? header.notetype;
  const isClozeNote = notetype === undefined || /cloze/i.test(notetype);
  if (!isClozeNote || !hasCloze(front)) return { front, back };
  const extra = isBlankHtml(back) ? "" : `<br><br>${back}`;
  return { front: clozeFront(front), back: `${clozeBack(front)}${extra}` };
}

function rowToCard(record: DelimitedRecord, context: RowContext): RowOutcome {
  const { fields, line } = record;
  const { map, header, separatorName } = context;
  const lastText = fields.findLastIndex((field) => field.trim() !== "");
  if (lastText === -1 && fields.length < map.fieldsMin) return { ignored: true };
  if (fields.length < map.fieldsMin) {
    return {
      error:
        `This row has ${fields.length} column${fields.length === 1 ? "" : "s"}; the front is column ` +
        `${map.front + 1} and the back column ${map.back + 1}. A field that contains a line break must be in ` +
        "double quotes.",
    };
  }
  if (lastText + 1 > map.width) {
    return {
      error:
        `This row has text in column ${lastText + 1}, but the file has ${map.width} ` +
        `columns. A field that contains a ${separatorName} must be in double quotes.`,
    };
  }
  const unreadable =
    checkAnkiField(fields[map.front] ?? "", context.html, "front") ??
    checkAnkiField(fields[map.back] ?? "", context.html, "back");
  if (unreadable) return { error: unreadable };
  const { front, back } = frontAndBack(fields, context);
  if (isBlankHtml(front)) return { skipped: "empty front" };
  if (isBlankHtml(back)) return { skipped: "empty back" };
  const tags = [...new Set([...header.tags, ...collectTags(columnText(fields, map.meta.tags) ?? "")])];
  const card: ImportedCard = { line, front, back, format: "html", tags };
  const deck = columnText(fields, map.meta.deck) ?? header.deck;
  const guid = columnText(fields, map.meta.guid);
  if (deck) card.deck = deck;
  if (guid) card.guid = guid;
  return { card };
}

function readColumnLabels(header: AnkiHeader, separator: string): { labels?: string[]; errors: ImportError[] } {
  if (!header.columns) return { errors: [] };
  const { records, errors } = readDelimitedRecords(header.columns.value, separator, header.columns.line);
  return { labels: records[0]?.fields.map((label) => label.trim()) ?? [], errors };
}

function separatorLabel(separator: string): string {
  return Object.entries(separatorNames).find(([, char]) => char === separator)?.[0] ?? `"${separator}"`;
}

/** Parses Anki plain text. The caller must import nothing when `errors` is not empty. */
export function parseAnkiText(text: string, options: AnkiTextOptions = {}): ImportResult {
  const normalized = normalizeImportText(text);
  const { header, bodyStart, bodyFirstLine, errors: headerErrors } = readAnkiHeader(normalized);
  const body = normalized.slice(bodyStart);
  const separator = options.separator ?? header.separator ?? sniffSeparator(body);
  const { records, errors: recordErrors } = readDelimitedRecords(body, separator, bodyFirstLine);
  const { labels, errors: labelErrors } = readColumnLabels(header, separator);
  const dataRecords = records.filter((record) => !record.isComment);
  const html = options.html ?? header.html ?? dataRecords.some((record) => record.fields.some(looksLikeHtml));
  const { map, errors: columnErrors } = mapAnkiColumns(header, labels, dataRecords);
  const errors: ImportError[] = [...headerErrors, ...labelErrors, ...columnErrors, ...recordErrors];
  const skipped: SkippedItem[] = [];
  const cards: ImportedCard[] = [];
  const context: RowContext = { header, map, html, separatorName: separatorLabel(separator) };
  for (const record of records) {
    if (record.isComment) {
      skipped.push({ line: record.line, reason: "comment line (starts with #: quote the field to import it)" });
      continue;
    }
    const outcome = rowToCard(record, context);
    if ("card" in outcome) cards.push(outcome.card);
    else if ("skipped" in outcome) skipped.push({ line: record.line, reason: outcome.skipped });
    else if ("error" in outcome) errors.push({ line: record.line, message: outcome.error });
  }
  return validatedResult(
    { cards, skipped, errors },
    {
      format: "anki",
      separator,
      separatorSource: options.separator !== undefined || header.separator !== undefined ? "header" : "sniffed",
      html,
      deck: header.deck,
      notetype: header.notetype,
      tags: header.tags,
      columns: labels,
      ignoredHeaders: header.ignored,
    },
  );
}
