// Records the raft tape (trace/types.ts RaftTapeRows) of a run: every Raft message between etcd
// members as the network routed it, and each member's role, term, commit index, election timer and
// log whenever they change, read from the members' real state after each of their handler calls.
// It is a tap (core/tap.ts): it only reads, so a run records exactly the events it would without it.
import { fail } from "../core/assert";
import type { DeliverEvent, Tap } from "../core/tap";
import type { Ms, Proc, World } from "../core/types";
import { lastIndex, termAt, type Log } from "../raft/log";
import {
  LOG_COLUMNS,
  MSG_COLUMN,
  MSG_COLUMNS,
  MSG_FLAG,
  packTapeStreams,
  STATE_COLUMNS,
  type TapeStream,
} from "../trace/raft-tape-codec";
import { addRow, copyRowTable, createRowTable, releaseRowTable } from "../trace/row-table";
import { RAFT_WIRE_TYPES, type RaftTape } from "../trace/types";
import type { EtcdConfig, EtcdPersisted, EtcdState } from "./member-types";

const ROLE_CODES = { follower: 1, "pre-candidate": 2, candidate: 3, leader: 4 } as const;
const TYPE_CODES: ReadonlyMap<string, number> = new Map(RAFT_WIRE_TYPES.map((type, i) => [type, i]));

/** Fields of a state row after [t, member]: role, term, commit, lastIndex, timerStart, timerDeadline. */
const STATE_FIELDS = STATE_COLUMNS - 1;

export type RaftRecorder = Tap & {
  /** The tape recorded so far, packed for the trace; once, after the run (the recorder is done then). */
  finish(): RaftTape;
  /** An independent recorder holding what this one has recorded so far (to resume a run's snapshot). */
  fork(): RaftRecorder;
};

function stream(key: number[], columns: number): TapeStream {
  return { key, table: createRowTable(columns) };
}

function copyStream(s: TapeStream): TapeStream {
  return { key: s.key, table: copyRowTable(s.table) };
}

class Recorder implements RaftRecorder {
  /**
   * The tables as the packed tape groups them (codec TapeStream): a message stream per sender,
   * receiver and type, created when first used; a state and a log stream per member.
   */
  private readonly msgs: (TapeStream | undefined)[] = [];
  private readonly states: TapeStream[];
  private readonly logs: TapeStream[];
  /** Per member, the fields of its last state row (NaN before the first), STATE_FIELDS apiece. */
  private readonly last: Float64Array;
  /** Per member, the terms of its log as last recorded. */
  private readonly terms: number[][];
  /** finish() has packed the tape and given the tables' arrays away. */
  private finished = false;

  constructor(
    private readonly members: readonly string[],
    private readonly tickMs: number,
    private readonly electionTicks: number,
  ) {
    this.states = members.map((_, m) => stream([m], STATE_COLUMNS));
    this.logs = members.map((_, m) => stream([m], LOG_COLUMNS));
    this.last = new Float64Array(members.length * STATE_FIELDS).fill(NaN);
    this.terms = members.map(() => []);
  }

  /** The stream of messages of `type` from member `from` to member `to`. */
  private msgStream(from: number, to: number, type: number): TapeStream {
    const i = (from * this.members.length + to) * RAFT_WIRE_TYPES.length + type;
    return (this.msgs[i] ??= stream([from, to, type], MSG_COLUMNS));
  }

  routed(ev: DeliverEvent, at: Ms, lost: boolean): void {
    const m = ev.body;
    if (m.p !== "raft") return;
    const type = TYPE_CODES.get(m.type);
    if (type === undefined) return; // no other type crosses the network
    const table = this.msgStream(m.from - 1, m.to - 1, type).table;
    const o = addRow(table);
    const v = table.values;
    v[o + MSG_COLUMN.sent] = ev.sentAt;
    v[o + MSG_COLUMN.latency] = at - ev.sentAt;
    v[o + MSG_COLUMN.term] = m.term;
    v[o + MSG_COLUMN.index] = m.type === "MsgApp" || m.type === "MsgAppResp" ? m.index : 0;
    v[o + MSG_COLUMN.entries] = m.type === "MsgApp" || m.type === "MsgProp" ? m.entries.length : 0;
    v[o + MSG_COLUMN.flags] = (m.reject ? MSG_FLAG.reject : 0) | (lost ? MSG_FLAG.lost : 0);
  }

  /**
   * Marks the row of `ev` lost. It is in the stream of its sender, receiver and type, among the rows
   * sent since ev.sentAt, and it is the one with its times and term: two rows alike in these are
   * alike in every field, so marking either records the same tape.
   */
  unheard(ev: DeliverEvent, now: Ms): void {
    const m = ev.body;
    if (m.p !== "raft") return;
    const type = TYPE_CODES.get(m.type);
    if (type === undefined) return;
    const { rows, values: v } = this.msgStream(m.from - 1, m.to - 1, type).table;
    for (let o = (rows - 1) * MSG_COLUMNS; o >= 0 && v[o + MSG_COLUMN.sent]! >= ev.sentAt; o -= MSG_COLUMNS) {
      if (
        v[o + MSG_COLUMN.sent] === ev.sentAt &&
        ev.sentAt + v[o + MSG_COLUMN.latency]! === now &&
        v[o + MSG_COLUMN.term] === m.term &&
        (v[o + MSG_COLUMN.flags]! & MSG_FLAG.lost) === 0
      ) {
        v[o + MSG_COLUMN.flags]! |= MSG_FLAG.lost;
        return;
      }
    }
  }

  touched(proc: Proc, state: unknown, now: Ms): void {
    if (proc.kind !== "etcd") return;
    const m = (proc.config as EtcdConfig).id - 1; // position i is raft id i + 1 (createRaftRecorder checks)
    let role = 0;
    let term = 0;
    let commit = 0;
    let start = -1;
    let deadline = -1;
    let log: Log | null = null;
    if (proc.up && state !== null) {
      const r = (state as EtcdState).raft;
      role = ROLE_CODES[r.role];
      term = r.term;
      commit = r.commit;
      log = r.log;
      if (role !== ROLE_CODES.leader) {
        // The tick model of etcd/member-raft.ts: tick k of a member starts at startedAt + k × tickMs,
        // and tickElection fires once electionElapsed (ticks since electionResetTick) reaches the timeout.
        start = proc.startedAt + r.electionResetTick * this.tickMs;
        deadline = start + r.randomizedElectionTimeout * this.tickMs;
      }
    } else {
      // Down: what it keeps on disk (nothing before its first start).
      const disk = proc.persisted as EtcdPersisted | undefined;
      if (disk !== undefined) {
        term = disk.term;
        commit = disk.commit;
        log = disk.log;
      }
    }
    const last = log === null ? 0 : lastIndex(log);
    this.recordLog(m, log, now);
    const f = this.last;
    const o = m * STATE_FIELDS;
    if (
      f[o] === role &&
      f[o + 1] === term &&
      f[o + 2] === commit &&
      f[o + 3] === last &&
      f[o + 4] === start &&
      f[o + 5] === deadline
    )
      return;
    f[o] = role;
    f[o + 1] = term;
    f[o + 2] = commit;
    f[o + 3] = last;
    f[o + 4] = start;
    f[o + 5] = deadline;
    const table = this.states[m]!.table;
    const r = addRow(table);
    const v = table.values;
    v[r] = now;
    for (let k = 0; k < STATE_FIELDS; k++) v[r + 1 + k] = f[o + k]!;
  }

  private pushLog(m: number, now: Ms, from: number, to: number, term: number): void {
    const table = this.logs[m]!.table;
    const o = addRow(table);
    const v = table.values;
    v[o] = now;
    v[o + 1] = from;
    v[o + 2] = to;
    v[o + 3] = term;
  }

  /**
   * Records how member `m`'s log differs from the terms last recorded. Raft's Log Matching property
   * (two logs with an entry of the same index and term agree up to it) means an unchanged last
   * index and last term is an unchanged log, and the logs agree up to the last index whose terms do.
   */
  private recordLog(m: number, log: Log | null, now: Ms): void {
    const terms = this.terms[m]!;
    const len = log === null ? 0 : lastIndex(log);
    if (len === terms.length && (len === 0 || terms[len - 1] === termAt(log!, len))) return;
    let keep = Math.min(len, terms.length);
    while (keep > 0 && terms[keep - 1] !== termAt(log!, keep)) keep--;
    terms.length = keep;
    if (len === keep) {
      this.pushLog(m, now, keep + 1, keep, 0); // only truncated: an empty range ending at `keep`
      return;
    }
    let from = keep + 1;
    for (let i = keep + 1; i <= len; i++) {
      const term = termAt(log!, i)!;
      terms.push(term);
      if (i === len || termAt(log!, i + 1) !== term) {
        this.pushLog(m, now, from, i, term);
        from = i + 1;
      }
    }
  }

  fork(): RaftRecorder {
    const copy = new Recorder(this.members, this.tickMs, this.electionTicks);
    this.msgs.forEach((s, i) => (copy.msgs[i] = s === undefined ? undefined : copyStream(s)));
    this.states.forEach((s, i) => (copy.states[i] = copyStream(s)));
    this.logs.forEach((s, i) => (copy.logs[i] = copyStream(s)));
    copy.last.set(this.last);
    this.terms.forEach((t, i) => (copy.terms[i] = t.slice()));
    return copy;
  }

  finish(): RaftTape {
    if (this.finished) fail("the raft tape was already finished");
    this.finished = true;
    const nonEmpty = (streams: readonly (TapeStream | undefined)[]) =>
      streams.filter((x): x is TapeStream => x !== undefined && x.table.rows > 0);
    const tape = packTapeStreams({
      members: [...this.members],
      tickMs: this.tickMs,
      electionTicks: this.electionTicks,
      msgs: nonEmpty(this.msgs),
      states: nonEmpty(this.states),
      logs: nonEmpty(this.logs),
    });
    // The packed tape holds numbers only: the next run's recorder may reuse the tables' arrays.
    for (const streams of [this.msgs, this.states, this.logs])
      for (const s of streams) if (s !== undefined) releaseRowTable(s.table);
    return tape;
  }
}

/**
 * A recorder for the etcd members of `world` (before its first step), or null when it has none.
 * Pass it to the Sim as its tap (core/run.ts) and call finish() after the run.
 */
export function createRaftRecorder(world: World): RaftRecorder | null {
  const etcd = Object.keys(world.procs)
    .filter((id) => world.procs[id]!.kind === "etcd")
    .sort();
  if (etcd.length === 0) return null;
  const cfg = world.procs[etcd[0]!]!.config as EtcdConfig;
  const members = Object.keys(cfg.peers)
    .map(Number)
    .sort((a, b) => a - b)
    .map((id, i) => {
      if (id !== i + 1) fail(`etcd member ids are not 1..n: ${id} at position ${i}`);
      return cfg.peers[id]!;
    });
  for (const id of etcd) {
    const own = world.procs[id]!.config as EtcdConfig;
    if (members[own.id - 1] !== id || own.timing.heartbeatMs !== cfg.timing.heartbeatMs)
      fail(`${id} is not member ${own.id} of one etcd cluster`);
  }
  const tickMs = cfg.timing.heartbeatMs;
  return new Recorder(members, tickMs, cfg.timing.electionMs / tickMs);
}
