import { RAFT_TAPE_ROLES, RAFT_WIRE_TYPES, unpackRaftTape, type RaftTape, type RaftTapeRows } from "@/lib/sim";

// Readers of a trace's raft tape for the replay: the etcd members at a moment (role, term, commit,
// election timer, the tail of the log) and the Raft messages on the wire, RaftScope-style. The
// player calls them every animation frame and on every scrub, so a tape is indexed once (cached by
// identity: validating the trace has usually unpacked it already) into per-member arrays sorted by
// time, and each call is a few binary searches: no replay from the start. Pure (the caches only
// remember what a tape unpacks to).

type RaftRole = "follower" | "pre-candidate" | "candidate" | "leader";

export type RaftMemberAt = {
  id: string;
  up: boolean;
  role: RaftRole | null;
  term: number;
  commit: number;
  lastIndex: number;
  /** The last `window` entries' terms, oldest first, starting at index firstIndex (empty log: terms []). */
  log: { firstIndex: number; terms: number[] };
  /** Election timer: null for a leader or a down member. */
  timer: { start: number; deadline: number } | null;
};

export type WireMessage = {
  /** Unique within the tape and the same at every t, for React keys. */
  key: string;
  from: string;
  to: string;
  /** The Raft type without its Msg prefix: "PreVote", "PreVoteResp", "Vote", "App", "Heartbeat", ... */
  type: string;
  term: number;
  reject: boolean;
  entries: number;
  sent: number;
  /** When it is delivered, or for a lost message when it would have been. */
  arrive: number;
  lost: boolean;
  /** 0..1 along the way at t. */
  progress: number;
};

/**
 * Where each value of a state row and of a log row goes, by position (RaftTapeRows documents both
 * layouts); position 1, the member, picks whose columns it goes to.
 */
const stateRowColumns = ["t", null, "role", "term", "commit", "lastIndex", "start", "deadline"] as const;
const logRowColumns = ["logT", null, "logFrom", "logTo", "logTerm"] as const;
type ColumnName = Exclude<(typeof stateRowColumns)[number] | (typeof logRowColumns)[number], null>;

/** One member's rows as columns, each sorted by time. */
type MemberColumns = Record<ColumnName, number[]>;

type TapeIndex = {
  rows: RaftTapeRows;
  members: MemberColumns[];
  /** Messages in the rows' order (by sent time); arrive is always positive here. */
  sent: Float64Array;
  arrive: Float64Array;
  /** The longest time any message spends on the wire: how far back wireAt looks. */
  flightMax: number;
  times: number[] | null;
};

const indexes = new WeakMap<RaftTape, TapeIndex>();

function indexOf(tape: RaftTape): TapeIndex {
  let index = indexes.get(tape);
  if (index === undefined) {
    index = buildIndex(unpackRaftTape(tape));
    indexes.set(tape, index);
  }
  return index;
}

function appendRows(members: MemberColumns[], rows: number[][], columns: readonly (ColumnName | null)[]): void {
  for (const row of rows) {
    const c = members[row[1]!]!;
    for (let i = 0; i < columns.length; i++) {
      const column = columns[i];
      if (column) c[column].push(row[i]!);
    }
  }
}

function buildIndex(rows: RaftTapeRows): TapeIndex {
  const names = [...stateRowColumns, ...logRowColumns].filter((column) => column !== null);
  const members = rows.members.map(
    () => Object.fromEntries(names.map((name) => [name, [] as number[]])) as MemberColumns,
  );
  appendRows(members, rows.states, stateRowColumns);
  appendRows(members, rows.logs, logRowColumns);
  const sent = new Float64Array(rows.msgs.length);
  const arrive = new Float64Array(rows.msgs.length);
  let flightMax = 0;
  for (let i = 0; i < rows.msgs.length; i++) {
    const row = rows.msgs[i]!;
    sent[i] = row[0]!;
    arrive[i] = Math.abs(row[1]!);
    flightMax = Math.max(flightMax, arrive[i]! - sent[i]!);
  }
  return { rows, members, sent, arrive, flightMax, times: null };
}

/** The number of values in sorted `xs` that are <= t (so the last one at or before t is at that minus one). */
function countAtOrBefore(xs: ArrayLike<number>, t: number): number {
  let low = 0;
  let high = xs.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (xs[mid]! <= t) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * The terms of entries max(1, last − window + 1)..last of the log as it was after log row `j`, read
 * backwards from that row: the latest row covering an entry gave it its term, and a row truncates
 * what follows it, so walking back each row fills the entries just below those already filled.
 */
function logTail(c: MemberColumns, j: number, window: number): { firstIndex: number; terms: number[] } {
  if (j < 0) return { firstIndex: 1, terms: [] };
  const last = c.logTo[j]!;
  const firstIndex = Math.max(1, last - window + 1);
  const terms = new Array<number>(Math.max(0, last - firstIndex + 1)).fill(0);
  let low = last + 1; // entries low..last are filled
  for (let r = j; r >= 0 && low > firstIndex; r--) {
    const high = Math.min(c.logTo[r]!, low - 1);
    if (high < c.logFrom[r]! || high < low - 1) continue; // only entries already overwritten since
    for (let i = Math.max(c.logFrom[r]!, firstIndex); i <= high; i++) terms[i - firstIndex] = c.logTerm[r]!;
    low = c.logFrom[r]!;
  }
  return { firstIndex, terms };
}

/**
 * Every etcd member at time t, in the tape's member order: its state row at or before t (down before
 * its first start), the last `window` entries of its log, and its election timer. Pure.
 */
export function raftAt(tape: RaftTape, t: number, window = 12): RaftMemberAt[] {
  const index = indexOf(tape);
  return index.members.map((c, m) => {
    const k = countAtOrBefore(c.t, t) - 1;
    const role = k < 0 ? 0 : c.role[k]!;
    const timed = role !== 0 && RAFT_TAPE_ROLES[role] !== "leader";
    return {
      id: index.rows.members[m]!,
      up: role !== 0,
      role: role === 0 ? null : (RAFT_TAPE_ROLES[role] as RaftRole),
      term: k < 0 ? 0 : c.term[k]!,
      commit: k < 0 ? 0 : c.commit[k]!,
      lastIndex: k < 0 ? 0 : c.lastIndex[k]!,
      log: logTail(c, countAtOrBefore(c.logT, t) - 1, window),
      timer: timed ? { start: c.start[k]!, deadline: c.deadline[k]! } : null,
    };
  });
}

function wireMessage(index: TapeIndex, i: number, t: number): WireMessage {
  const [sent, arrive, from, to, type, term, , entries, reject] = index.rows.msgs[i]!;
  const end = Math.abs(arrive!);
  return {
    key: `m${i}`,
    from: index.rows.members[from!]!,
    to: index.rows.members[to!]!,
    type: RAFT_WIRE_TYPES[type!]!.slice(3),
    term: term!,
    reject: reject === 1,
    entries: entries!,
    sent: sent!,
    arrive: end,
    lost: arrive! < 0,
    progress: end > sent! ? Math.min(1, Math.max(0, (t - sent!) / (end - sent!))) : 1,
  };
}

/** The messages on the wire at t (sent <= t < arrive), lost ones too (flagged), in the order they were sent. Pure. */
export function wireAt(tape: RaftTape, t: number): WireMessage[] {
  const index = indexOf(tape);
  const out: WireMessage[] = [];
  const from = t - index.flightMax;
  for (let i = countAtOrBefore(index.sent, t) - 1; i >= 0 && index.sent[i]! >= from; i--) {
    if (index.arrive[i]! > t) out.push(wireMessage(index, i, t));
  }
  return out.reverse();
}

/**
 * Every distinct time a message is sent or arrives (or would have), sorted: for the player's time
 * dilation. Pure; the array is shared by all callers of the same tape, so it is read-only.
 */
export function wireTimes(tape: RaftTape): readonly number[] {
  const index = indexOf(tape);
  if (index.times === null) {
    const all = [...index.sent, ...index.arrive].sort((a, b) => a - b);
    index.times = all.filter((x, i) => i === 0 || x !== all[i - 1]);
  }
  return index.times;
}
