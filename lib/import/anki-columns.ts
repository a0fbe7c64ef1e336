import type { AnkiHeader, MetaColumn } from "@/lib/import/anki-header";
import type { DelimitedRecord } from "@/lib/import/delimited-records";
import type { ImportError } from "@/lib/import/types";

// Which column is what. As in Anki, the `... column:` headers take their columns out of the
// field list and the remaining columns are the note's fields in order (metadata.rs
// `map_field_columns_by_index`); `#columns:` labels named Front/Question/Text and
// Back/Answer/Back Extra win over position (`map_field_columns_by_name`), and a column labelled
// Tags is the tags column when no `#tags column:` says otherwise.
// The expected width is the `#columns:` count, else the most common field count: one row that
// is off then shows up as that row's error rather than turning every other row into one.

export type ColumnMap = {
  /** 0-based indexes into a record's fields. */
  front: number;
  back: number;
  meta: Partial<Record<MetaColumn, number>>;
  /** Rows may have fewer fields (missing trailing columns are empty) but no text beyond this. */
  width: number;
  /** Fields a row must have: up to the back and front columns. */
  fieldsMin: number;
};

const frontLabel = /^(front|question|text)$/i;
const backLabel = /^(back|answer|back extra|extra)$/i;
const tagsLabel = /^tags?$/i;

function mostCommonWidth(records: DelimitedRecord[]): number {
  const frequency = new Map<number, number>();
  let best = { width: 0, times: 0 };
  for (const record of records) {
    const times = (frequency.get(record.fields.length) ?? 0) + 1;
    frequency.set(record.fields.length, times);
    if (times > best.times) best = { width: record.fields.length, times };
  }
  return best.width;
}

function labelledColumn(labels: string[] | undefined, pattern: RegExp, taken: Set<number>): number | undefined {
  const index = labels?.findIndex((label, i) => !taken.has(i) && pattern.test(label.trim()));
  return index === undefined || index === -1 ? undefined : index;
}

/** Maps columns for a file; errors name the header line of a column setting that cannot hold. */
export function mapAnkiColumns(
  header: AnkiHeader,
  labels: string[] | undefined,
  records: DelimitedRecord[],
): { map: ColumnMap; errors: ImportError[] } {
  const errors: ImportError[] = [];
  const width = labels?.length ?? mostCommonWidth(records);
  const meta: Partial<Record<MetaColumn, number>> = {};
  const taken = new Set<number>();
  for (const [name, setting] of Object.entries(header.metaColumns) as Array<
    [MetaColumn, { column: number; line: number }]
  >) {
    const index = setting.column - 1;
    if (taken.has(index))
      errors.push({
        line: setting.line,
        message: `#${name} column:${setting.column} is already used by another "column:" header.`,
      });
    else if (records.length > 0 && index >= width)
      errors.push({
        line: setting.line,
        message: `#${name} column:${setting.column} points past the ${width} columns of the file.`,
      });
    meta[name] = index;
    taken.add(index);
  }
  if (meta.tags === undefined) {
    const tags = labelledColumn(labels, tagsLabel, taken);
    if (tags !== undefined) {
      meta.tags = tags;
      taken.add(tags);
    }
  }
  // Look past the width so that a one-column file still gets a back column, which its rows then lack.
  const free = Array.from({ length: Math.max(width, 2) + taken.size }, (_, i) => i).filter((i) => !taken.has(i));
  const front = labelledColumn(labels, frontLabel, taken) ?? free[0] ?? 0;
  const back =
    labelledColumn(labels, backLabel, new Set([...taken, front])) ?? free.find((i) => i !== front) ?? front + 1;
  return { map: { front, back, meta, width, fieldsMin: Math.max(front, back) + 1 }, errors };
}
