import type { ImportError } from "@/lib/import/types";

// A small RFC 4180 reader with the two things Anki's importer adds on top (it uses the Rust
// `csv` crate with `comment(b'#')` and `flexible(true)`): a record that starts with `#` is a
// comment, and records may have different numbers of fields. Hand-written rather than a CSV
// library because the header rules and per-line errors sit around it anyway, and it is short.
// Input must already be normalised to "\n" line endings (normalizeImportText).

export type DelimitedRecord = {
  /** 1-based line where the record starts. */
  line: number;
  fields: string[];
  /** A `#` line: Anki ignores it; the caller reports it as skipped. */
  isComment: boolean;
};

type DelimitedRecords = { records: DelimitedRecord[]; errors: ImportError[] };

type Cursor = { text: string; pos: number; line: number; separator: string };

function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i += 1) if (text.charCodeAt(i) === 10) count += 1;
  return count;
}

function skipToNextLine(cursor: Cursor): void {
  const end = cursor.text.indexOf("\n", cursor.pos);
  cursor.pos = end === -1 ? cursor.text.length : end + 1;
  cursor.line += 1;
}

/** Reads a quoted field starting at the opening quote; returns its value or an error message. */
function readQuotedField(cursor: Cursor): { value: string } | { error: string } {
  const { text } = cursor;
  const startLine = cursor.line;
  const parts: string[] = [];
  let from = cursor.pos + 1;
  for (;;) {
    const quote = text.indexOf('"', from);
    if (quote === -1) {
      cursor.pos = text.length;
      return { error: `A quoted field that opens on line ${startLine} never closes: add the closing double quote.` };
    }
    parts.push(text.slice(from, quote));
    cursor.line += countNewlines(text, from, quote);
    if (text[quote + 1] === '"') {
      parts.push('"');
      from = quote + 2;
      continue;
    }
    cursor.pos = quote + 1;
    const next = text[cursor.pos];
    if (next !== undefined && next !== "\n" && next !== cursor.separator) {
      return {
        error:
          'Text follows a closing double quote: put the whole field in quotes and write each quote inside it as "".',
      };
    }
    return { value: parts.join("") };
  }
}

function readUnquotedField(cursor: Cursor): string {
  const { text, separator } = cursor;
  const start = cursor.pos;
  let i = start;
  while (i < text.length && text[i] !== separator && text[i] !== "\n") i += 1;
  cursor.pos = i;
  return text.slice(start, i);
}

/** Reads one record's fields; on a quoting error, reports it and resumes at the next line. */
function readRecord(cursor: Cursor, errors: ImportError[]): string[] | undefined {
  const fields: string[] = [];
  for (;;) {
    if (cursor.text[cursor.pos] === '"') {
      const errorLine = cursor.line;
      const quoted = readQuotedField(cursor);
      if ("error" in quoted) {
        errors.push({ line: errorLine, message: quoted.error });
        if (cursor.pos < cursor.text.length) skipToNextLine(cursor);
        return undefined;
      }
      fields.push(quoted.value);
    } else {
      fields.push(readUnquotedField(cursor));
    }
    const next = cursor.text[cursor.pos];
    if (next === cursor.separator) {
      cursor.pos += 1;
      continue;
    }
    if (next === "\n") skipToNextLine(cursor);
    return fields;
  }
}

/**
 * Splits delimited text into records. `firstLine` is the file line of `text`'s first line, so
 * errors and cards name lines of the whole file. Empty lines are dropped, as Anki drops them.
 */
export function readDelimitedRecords(text: string, separator: string, firstLine = 1): DelimitedRecords {
  const cursor: Cursor = { text, pos: 0, line: firstLine, separator };
  const records: DelimitedRecord[] = [];
  const errors: ImportError[] = [];
  while (cursor.pos < text.length) {
    const line = cursor.line;
    const char = text[cursor.pos];
    if (char === "\n") {
      skipToNextLine(cursor);
    } else if (char === "#") {
      const end = text.indexOf("\n", cursor.pos);
      records.push({ line, fields: [text.slice(cursor.pos, end === -1 ? text.length : end)], isComment: true });
      skipToNextLine(cursor);
    } else {
      const fields = readRecord(cursor, errors);
      if (fields) records.push({ line, fields, isComment: false });
    }
  }
  return { records, errors };
}
