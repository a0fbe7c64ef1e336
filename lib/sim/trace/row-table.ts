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
/** Spare arrays kept per length: more than the tables of one run of the largest etcd cluster grow through. */
const SPARES_MAX = 64;

/**
 * Arrays that tables no longer use, by length, zeroed, for new and growing tables to take: a new
 * Float64Array costs the kernel's zeroing of fresh pages, which made allocating a run's tables cost
 * more than writing their rows. Only the lengths createRowTable and grow produce are kept.
 */
const spares = new Map<number, Float64Array[]>();

function allocate(length: number): Float64Array {
  return spares.get(length)?.pop() ?? new Float64Array(length);
}

function recycle(values: Float64Array, width: number): void {
  const doublings = values.length / (width * ROWS_INITIAL);
  if (!(Number.isInteger(doublings) && (doublings & (doublings - 1)) === 0)) return; // a copy's odd length
  let list = spares.get(values.length);
  if (list === undefined) spares.set(values.length, (list = []));
  if (list.length < SPARES_MAX) list.push(values.fill(0));
}

export function createRowTable(width: number): RowTable {
  return { width, rows: 0, values: allocate(width * ROWS_INITIAL) };
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
  const grown = allocate(Math.max(table.values.length * 2, table.width * ROWS_INITIAL));
  grown.set(table.values);
  recycle(table.values, table.width);
  table.values = grown;
}

/**
 * Gives the table's array back for other tables to reuse and leaves it empty (it can grow again).
 * Call it once nothing will read the rows any more. Mutates `table`.
 */
export function releaseRowTable(table: RowTable): void {
  recycle(table.values, table.width);
  table.values = new Float64Array(0);
  table.rows = 0;
}

/** An independent copy of `table`'s rows. Pure. */
export function copyRowTable(table: RowTable): RowTable {
  return { width: table.width, rows: table.rows, values: table.values.slice(0, table.rows * table.width) };
}
