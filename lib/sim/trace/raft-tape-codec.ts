// Packing of the raft tape (trace/types.ts RaftTapeRows <-> RaftTape). A 3-member cluster sends
// 40 heartbeat messages a second and resets two election timers ten times a second, so the rows as
// such run to hundreds of kilobytes per trace. Packed, every row is kept: rows are grouped into
// streams (one per sender, receiver and type of message; one per member for states and logs), each
// stream is stored column by column, and each column as the differences between consecutive values
// (zigzag-coded, so they are never negative), where a negative number copies earlier differences.
// A steady leader's heartbeats to one follower are then four numbers, however long it leads.
// Pure; packRaftTape is used by the engine, unpackRaftTape by the replay's readers and the schema.
import { addRow, createRowTable, type RowTable } from "./row-table";
import { RAFT_TAPE_ROLES, RAFT_WIRE_TYPES, type RaftTape, type RaftTapeRows } from "./types";

/** Copy tokens reach back this many values; 4 covers a value repeating, alternating or in a cycle of 3 or 4. */
const COPY_DISTANCE_MAX = 4;

/** Fields of a stream's key, then the packed columns, per table. */
const MSG_KEY = 3; // from, to, type
/** Where each packed column of a message stream sits; latency is |arrive| - sent, flags are MSG_FLAG's. */
export const MSG_COLUMN = { sent: 0, latency: 1, term: 2, index: 3, entries: 4, flags: 5 } as const;
export const MSG_COLUMNS = Object.keys(MSG_COLUMN).length;
export const MSG_FLAG = { reject: 1, lost: 2 } as const;
export const STATE_COLUMNS = 7; // t, role, term, commit, lastIndex, timerStart, timerDeadline
export const LOG_COLUMNS = 4; // t, from, to, term

function zigzag(v: number): number {
  return v >= 0 ? 2 * v : -2 * v - 1;
}

function unzigzag(z: number): number {
  return z % 2 === 0 ? z / 2 : -(z + 1) / 2;
}

/** Characters a number takes in JSON, with its comma: what a copy token must beat. */
function width(v: number): number {
  let digits = 1;
  for (let x = Math.abs(v); x >= 10; x = Math.floor(x / 10)) digits++;
  return digits + (v < 0 ? 2 : 1);
}

/**
 * Appends one column, the `n` values at `start`, `start + stride`, … of `values`: their differences
 * (the first from 0), zigzag-coded, where a run that repeats the values `d` back
 * (d <= COPY_DISTANCE_MAX) becomes the token -(length × 4 + d − 1) whenever that is shorter. `z`
 * is scratch space for at least `n` numbers (a new typed array per column cost more than the packing).
 */
function packColumn(
  values: Float64Array,
  start: number,
  stride: number,
  n: number,
  z: Float64Array,
  out: number[],
): void {
  let prev = 0;
  for (let i = 0, at = start; i < n; i++, at += stride) {
    const v = values[at]!;
    z[i] = zigzag(v - prev);
    prev = v;
  }
  for (let i = 0; i < n;) {
    const v = z[i]!;
    let length = 0;
    let distance = 0;
    for (let d = 1; d <= COPY_DISTANCE_MAX && d <= i; d++) {
      if (z[i - d] !== v) continue;
      let l = 1;
      while (i + l < n && z[i + l] === z[i + l - d]) l++;
      if (l > length) {
        length = l;
        distance = d;
        if (i + l === n) break; // to the column's end: no farther copy is longer
      }
    }
    if (length > 0) {
      const token = -(length * COPY_DISTANCE_MAX + distance - 1);
      // Three or more values take at least 6 characters, more than any token for them.
      let shorter = length >= 3;
      if (!shorter) {
        let literal = 0;
        for (let j = 0; j < length; j++) literal += width(z[i + j]!);
        shorter = width(token) < literal;
      }
      if (shorter) {
        out.push(token);
        i += length;
        continue;
      }
    }
    out.push(v);
    i++;
  }
}

/**
 * Reads one column of `n` values starting at `pos` of `stream`; returns the values and where the next column starts.
 */
function unpackColumn(stream: readonly number[], pos: number, n: number): { values: number[]; pos: number } {
  const z: number[] = [];
  let p = pos;
  while (z.length < n) {
    if (p >= stream.length) throw new Error(`a column ends after ${z.length} of ${n} values`);
    const token = stream[p++]!;
    if (!Number.isSafeInteger(token)) throw new Error(`${token} is not an integer`);
    if (token >= 0) {
      z.push(token);
      continue;
    }
    const distance = (-token % COPY_DISTANCE_MAX) + 1;
    const length = Math.floor(-token / COPY_DISTANCE_MAX);
    if (distance > z.length || length < 1 || z.length + length > n)
      throw new Error(`copy token ${token} does not fit its column`);
    for (let j = 0; j < length; j++) z.push(z[z.length - distance]!);
  }
  const values = new Array<number>(n);
  let prev = 0;
  for (let i = 0; i < n; i++) {
    prev += unzigzag(z[i]!);
    values[i] = prev;
  }
  return { values, pos: p };
}

/**
 * One stream: its key (msgs: from, to, type; states and logs: member) and its rows in order, each
 * row the values of the packed columns (msgs: sent, latency, term, index, entries, flags; states: t,
 * role, term, commit, lastIndex, timerStart, timerDeadline; logs: t, from, to, term). The recorder
 * keeps its rows this way, so packing needs no grouping and no array per row.
 */
export type TapeStream = { key: number[]; table: RowTable };

/**
 * Packs streams (any order; each non-empty) as the trace stores them: sorted by key, `[...key, n, ...packed columns]`.
 */
function packStreams(streams: readonly TapeStream[]): number[][] {
  const z = new Float64Array(Math.max(0, ...streams.map((s) => s.table.rows)));
  return [...streams]
    .sort((a, b) => compareKeys(a.key, b.key))
    .map(({ key, table }) => {
      const out = [...key, table.rows];
      for (let c = 0; c < table.width; c++) packColumn(table.values, c, table.width, table.rows, z, out);
      return out;
    });
}

/** Groups rows into streams: `keyOf` gives a row's key, `columnsOf` its values, column by column. */
function toStreams(
  rows: readonly number[][],
  keyOf: (row: number[]) => number[],
  columnsOf: (row: number[]) => number[],
): TapeStream[] {
  const streams = new Map<string, TapeStream>();
  for (const row of rows) {
    const key = keyOf(row);
    const id = key.join(",");
    const values = columnsOf(row);
    let stream = streams.get(id);
    if (stream === undefined) streams.set(id, (stream = { key, table: createRowTable(values.length) }));
    const at = addRow(stream.table);
    stream.table.values.set(values, at);
  }
  return [...streams.values()];
}

function compareKeys(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

/**
 * Unpacks streams into rows, sorted by time (column 0), then key, then stream order. `rowOf` builds
 * the row of stream `key` from the columns' values at position i (it may throw on a bad value).
 */
function unpackStreams(
  streams: readonly number[][],
  keySize: number,
  columns: number,
  rowOf: (key: readonly number[], cols: readonly number[][], i: number) => number[],
): number[][] {
  const rows: number[][] = [];
  let lastKey: number[] | null = null;
  for (const stream of streams) {
    const key = stream.slice(0, keySize);
    const n = stream[keySize];
    if (key.length < keySize || n === undefined || !Number.isSafeInteger(n) || n < 1)
      throw new Error("a stream has no key or row count");
    if (lastKey !== null && compareKeys(lastKey, key) >= 0)
      throw new Error(`streams are not in key order at ${key.join(",")}`);
    lastKey = key;
    let pos = keySize + 1;
    const cols: number[][] = [];
    for (let c = 0; c < columns; c++) {
      const col = unpackColumn(stream, pos, n);
      cols.push(col.values);
      pos = col.pos;
    }
    if (pos !== stream.length)
      throw new Error(`stream ${key.join(",")} has ${stream.length - pos} values after its columns`);
    const times = cols[0]!;
    for (let i = 0; i < n; i++) {
      if (i > 0 && times[i]! < times[i - 1]!) throw new Error(`stream ${key.join(",")} goes back in time`);
      rows.push(rowOf(key, cols, i));
    }
  }
  // Streams come in key order, so a stable sort by time leaves ties in key order, then stream order
  // (and each stream is a sorted run, which the sort merges).
  return rows.sort((a, b) => a[0]! - b[0]!);
}

/** What packTapeStreams packs: RaftTapeRows with each table as streams. */
type RaftTapeStreams = Omit<RaftTapeRows, "msgs" | "states" | "logs"> & {
  msgs: TapeStream[];
  states: TapeStream[];
  logs: TapeStream[];
};

/** Packs a tape kept as streams (the recorder's form) for the trace. Pure. */
export function packTapeStreams(tape: RaftTapeStreams): RaftTape {
  return {
    members: [...tape.members],
    tickMs: tape.tickMs,
    electionTicks: tape.electionTicks,
    msgs: packStreams(tape.msgs),
    states: packStreams(tape.states),
    logs: packStreams(tape.logs),
  };
}

/** Packs a tape's rows for the trace. Pure. */
export function packRaftTape(rows: RaftTapeRows): RaftTape {
  return packTapeStreams({
    ...rows,
    msgs: toStreams(
      rows.msgs,
      (r) => [r[2]!, r[3]!, r[4]!],
      (r) => [r[0]!, Math.abs(r[1]!) - r[0]!, r[5]!, r[6]!, r[7]!, r[8]! | (r[1]! < 0 ? MSG_FLAG.lost : 0)],
    ),
    states: toStreams(
      rows.states,
      (r) => [r[1]!],
      (r) => [r[0]!, ...r.slice(2)],
    ),
    logs: toStreams(
      rows.logs,
      (r) => [r[1]!],
      (r) => [r[0]!, ...r.slice(2)],
    ),
  });
}

// Unpacked tapes by tape object: validating a trace (trace/schema.ts) unpacks its tape, and the
// replay's readers then find it here instead of unpacking it again.
const unpacked = new WeakMap<RaftTape, RaftTapeRows>();

/**
 * The rows of a packed tape, in the orders RaftTapeRows documents. Pure, and cached by tape object:
 * the rows are shared by every caller, so read them and never modify them. Throws an Error naming
 * the problem when the tape is malformed (a column too short, a member or type out of range).
 */
export function unpackRaftTape(tape: RaftTape): RaftTapeRows {
  let rows = unpacked.get(tape);
  if (rows === undefined) {
    rows = unpackUncached(tape);
    unpacked.set(tape, rows);
  }
  return rows;
}

function unpackUncached(tape: RaftTape): RaftTapeRows {
  const n = tape.members.length;
  const member = (m: number) => {
    if (!(Number.isInteger(m) && m >= 0 && m < n)) throw new Error(`member ${m} is not one of the ${n} members`);
    return m;
  };
  const msgs = unpackStreams(tape.msgs, MSG_KEY, MSG_COLUMNS, (key, cols, i) => {
    const [from, to, type] = key as [number, number, number];
    const sent = cols[MSG_COLUMN.sent]![i]!;
    const latency = cols[MSG_COLUMN.latency]![i]!;
    const flags = cols[MSG_COLUMN.flags]![i]!;
    if (i === 0) {
      member(from);
      member(to);
      if (!(type >= 0 && type < RAFT_WIRE_TYPES.length)) throw new Error(`message type ${type} is unknown`);
    }
    if (latency < 0 || flags < 0 || flags > 3)
      throw new Error(`message ${from}->${to} at ${sent} has latency ${latency} and flags ${flags}`);
    const arrive = flags & MSG_FLAG.lost ? -(sent + latency) : sent + latency;
    const term = cols[MSG_COLUMN.term]![i]!;
    const index = cols[MSG_COLUMN.index]![i]!;
    const entries = cols[MSG_COLUMN.entries]![i]!;
    return [sent, arrive, from, to, type, term, index, entries, flags & MSG_FLAG.reject];
  });
  const states = unpackStreams(tape.states, 1, STATE_COLUMNS, (key, cols, i) => {
    const role = cols[1]![i]!;
    if (!(role >= 0 && role < RAFT_TAPE_ROLES.length)) throw new Error(`role ${role} is unknown`);
    return [
      cols[0]![i]!,
      i === 0 ? member(key[0]!) : key[0]!,
      role,
      cols[2]![i]!,
      cols[3]![i]!,
      cols[4]![i]!,
      cols[5]![i]!,
      cols[6]![i]!,
    ];
  });
  const logs = unpackStreams(tape.logs, 1, LOG_COLUMNS, (key, cols, i) => [
    cols[0]![i]!,
    i === 0 ? member(key[0]!) : key[0]!,
    cols[1]![i]!,
    cols[2]![i]!,
    cols[3]![i]!,
  ]);
  return { members: [...tape.members], tickMs: tape.tickMs, electionTicks: tape.electionTicks, msgs, states, logs };
}
