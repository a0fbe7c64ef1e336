import { RAFT_WIRE_TYPES, type RaftTape } from "@/lib/sim";

// Readers of the trace's raft tape for the Raft view: each member's state and log at time t, and
// the messages on the wire at t. Called on every animation frame, so each answer is a binary search
// over rows indexed once per tape. Pure.

export type RaftRole = "follower" | "pre-candidate" | "candidate" | "leader";
export type RaftMemberAt = {
  id: string;
  up: boolean;
  role: RaftRole | null;
  term: number;
  commit: number;
  lastIndex: number;
  /** The last `window` entries' terms, oldest first, starting at index firstIndex. */
  log: { firstIndex: number; terms: number[] };
  /** The election timer: null for a leader or a down member. */
  timer: { start: number; deadline: number } | null;
};
export type WireMessage = {
  key: string;
  from: string;
  to: string;
  /** "PreVote", "VoteResp", "App", "Heartbeat", ... (raft's Msg prefix dropped). */
  type: string;
  term: number;
  reject: boolean;
  entries: number;
  sent: number;
  arrive: number;
  /** The receiver was down: the message never arrived. */
  lost: boolean;
  /** How far along its way at t, 0–1. */
  progress: number;
};

const roles: (RaftRole | null)[] = [null, "follower", "pre-candidate", "candidate", "leader"];

type Index = { states: number[][][]; logs: number[][][]; longestFlight: number };
const indexes = new WeakMap<RaftTape, Index>();

function indexOf(tape: RaftTape): Index {
  let index = indexes.get(tape);
  if (!index) {
    const states = tape.members.map(() => [] as number[][]);
    const logs = tape.members.map(() => [] as number[][]);
    for (const row of tape.states) states[row[1]!]!.push(row);
    for (const row of tape.logs) logs[row[1]!]!.push(row);
    const longestFlight = tape.msgs.reduce((longest, row) => Math.max(longest, Math.abs(row[1]!) - row[0]!), 0);
    index = { states, logs, longestFlight };
    indexes.set(tape, index);
  }
  return index;
}

/** The number of rows whose time (column 0) is at or before t. */
function countAtOrBefore(rows: readonly number[][], t: number): number {
  let low = 0;
  let high = rows.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (rows[mid]![0]! <= t) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Every member's state at time t, with the last `window` entries of its log. */
export function raftAt(tape: RaftTape, t: number, window = 12): RaftMemberAt[] {
  const { states, logs } = indexOf(tape);
  return tape.members.map((id, i) => {
    const rows = states[i]!;
    const row = rows[countAtOrBefore(rows, t) - 1];
    const terms: number[] = [];
    const logRows = logs[i]!;
    for (let k = 0, end = countAtOrBefore(logRows, t); k < end; k++) {
      const [, , from, to, term] = logRows[k]!;
      terms.length = to!;
      for (let entry = from!; entry <= to!; entry++) terms[entry - 1] = term!;
    }
    const firstIndex = Math.max(1, terms.length - window + 1);
    const log = { firstIndex, terms: terms.slice(firstIndex - 1) };
    if (!row || row[2] === 0) return { id, up: false, role: null, term: row ? 0 : 0, commit: 0, lastIndex: terms.length, log, timer: null };
    const [, , role, term, commit, lastIndex, start, deadline] = row;
    return { id, up: true, role: roles[role!] ?? null, term: term!, commit: commit!, lastIndex: lastIndex!, log, timer: start! >= 0 ? { start: start!, deadline: deadline! } : null };
  });
}

/** The messages on their way at time t (sent at or before t, not yet arrived), lost ones flagged. */
export function wireAt(tape: RaftTape, t: number): WireMessage[] {
  const { longestFlight } = indexOf(tape);
  const out: WireMessage[] = [];
  const msgs = tape.msgs;
  for (let k = countAtOrBefore(msgs, t) - 1; k >= 0; k--) {
    const [sent, arrival, from, to, type, term, index, entries, reject] = msgs[k]!;
    if (t - sent! > longestFlight) break;
    const arrive = Math.abs(arrival!);
    if (t >= arrive) continue;
    out.push({
      key: `${sent}-${from}-${to}-${type}-${index}`,
      from: tape.members[from!]!,
      to: tape.members[to!]!,
      type: (RAFT_WIRE_TYPES[type!] ?? "Msg?").slice(3),
      term: term!,
      reject: reject === 1,
      entries: entries!,
      sent: sent!,
      arrive,
      lost: arrival! < 0,
      progress: arrive > sent! ? (t - sent!) / (arrive - sent!) : 1,
    });
  }
  return out.reverse();
}
