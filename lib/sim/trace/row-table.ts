// A growable table of numbers kept row by row in one Float64Array. The raft tape's recorder adds tens
// of thousands of rows per run (a row per Raft message, one per member state change); in a typed
// array they live outside the collected heap, where a number[] per column was reallocated as it grew
// and copied by every young-generation collection until it was promoted.

export type RowTable = {
  /** Numbers per row. */
  readonly width: number;
  rows: number;
  /** Row i is values[i × width, (i + 1) × width); the slots after the last row are spare capacity. */
  values: Float64Array;
};

const ROWS_INITIAL = 64;

export function createRowTable(width: number): RowTable {
  return { width, rows: 0, values: new Float64Array(width * ROWS_INITIAL) };
}

/**
 * Adds a row (its values zero) and returns where it starts in `table.values`, which this may replace
 * with a larger array: index the array read after the call. Mutates `table`.
 */
export function addRow(table: RowTable): number {
  const at = table.rows * table.width;
  if (at + table.width > table.values.length) grow(table);
  table.rows++;
  return at;
}

/** Doubles the capacity: apart from addRow, which runs per row and stays small enough to inline. */
function grow(table: RowTable): void {
  const grown = new Float64Array(Math.max(table.values.length * 2, table.width * ROWS_INITIAL));
  grown.set(table.values);
  table.values = grown;
}

/** An independent copy of `table`'s rows. Pure. */
export function copyRowTable(table: RowTable): RowTable {
  return { width: table.width, rows: table.rows, values: table.values.slice(0, table.rows * table.width) };
}
