// The raft tape: etcd's wire and member state, recorded from a run for the replay's Raft view
// (messages as moving dots, election timers, logs). It is read off the world after every step
// through the run's step hook, so recording draws no random numbers, adds no events and leaves the
// run itself byte for byte the same. Pure data, documented in docs/trace-format.md.
import type { StepHook } from "../core/run";
import type { Proc, SimEvent, World } from "../core/types";
import type { EtcdConfig, EtcdState } from "../etcd/member-types";
import { lastIndex, termAt } from "../raft/log";
import type { RaftMsg } from "../raft/types";

export const RAFT_WIRE_TYPES = [
  "MsgPreVote",
  "MsgPreVoteResp",
  "MsgVote",
  "MsgVoteResp",
  "MsgApp",
  "MsgAppResp",
  "MsgHeartbeat",
  "MsgHeartbeatResp",
  "MsgReadIndex",
  "MsgReadIndexResp",
] as const;

export type RaftTape = {
  /** etcd member component ids; position i is raft id i + 1. */
  members: string[];
  /** The heartbeat interval (one raft tick), ms, and the election timeout in ticks. */
  tickMs: number;
  electionTicks: number;
  /**
   * One row per message delivered between members, sorted by sent time:
   * [sent, arrive, from, to, type, term, index, entries, reject]. `arrive` is negative (minus the
   * arrival time) when the receiver was down and the message was lost; from/to are member positions;
   * type indexes RAFT_WIRE_TYPES; index is MsgApp's previous index or MsgAppResp's matched index.
   */
  msgs: number[][];
  /**
   * A row whenever a member's state changes: [t, member, role, term, commit, lastIndex, timerStart,
   * timerDeadline]; role 0 down, 1 follower, 2 pre-candidate, 3 candidate, 4 leader; the timer is
   * when the election timer was last reset and when it fires (-1 for a leader or a down member).
   */
  states: number[][];
  /** Log changes: [t, member, from, to, term]: entries from..to now have `term`; the log ends at `to`. */
  logs: number[][];
};

const roleCode = { follower: 1, "pre-candidate": 2, candidate: 3, leader: 4 } as const;

type Recorder = { hook: StepHook; finish(): RaftTape };

function isRaftDelivery(ev: SimEvent): ev is Extract<SimEvent, { kind: "deliver" }> & { body: RaftMsg } {
  return ev.kind === "deliver" && (ev.body as { p?: unknown }).p === "raft";
}

/** A recorder for the etcd members of `world` (call before the run; `hook` goes to runUntil). */
export function recordRaftTape(world: World): Recorder {
  const members = Object.keys(world.procs)
    .filter((id) => world.procs[id]!.kind === "etcd")
    .sort((a, b) => (world.procs[a]!.config as EtcdConfig).id - (world.procs[b]!.config as EtcdConfig).id);
  const position = new Map(members.map((id, i) => [id, i]));
  const first = world.procs[members[0] ?? ""];
  const timing = first ? (first.config as EtcdConfig).timing : { heartbeatMs: 100, electionMs: 1000 };
  const tape: RaftTape = { members, tickMs: timing.heartbeatMs, electionTicks: Math.round(timing.electionMs / timing.heartbeatMs), msgs: [], states: [], logs: [] };
  const lastState = new Map<string, string>();
  const terms = members.map(() => [] as number[]); // each member's log as recorded so far (index i at i - 1)

  function recordState(world: World, id: string): void {
    const proc = world.procs[id] as Proc;
    const i = position.get(id)!;
    const isUp = proc.up && (world.hosts[proc.host]?.up ?? true) && proc.state !== null;
    const row = isUp ? stateRow(world.now, i, proc) : [world.now, i, 0, -1, -1, -1, -1, -1];
    const key = row.slice(2).join(",");
    if (lastState.get(id) !== key) {
      lastState.set(id, key);
      tape.states.push(row);
    }
    if (isUp) recordLog(world.now, i, (proc.state as EtcdState).raft.log);
  }

  function recordLog(t: number, i: number, log: EtcdState["raft"]["log"]): void {
    const known = terms[i]!;
    const last = lastIndex(log);
    if (last === known.length && (last === 0 || termAt(log, last) === known[last - 1])) return;
    // The first index where the member's log differs from what was recorded: everything after it is new.
    const previous = known.length;
    let from = Math.min(last, previous);
    while (from > 0 && termAt(log, from) !== known[from - 1]) from--;
    known.length = from;
    if (last === from) {
      if (previous > from) tape.logs.push([t, i, from + 1, from, 0]); // truncated, nothing new
      return;
    }
    for (let index = from + 1; index <= last; index++) {
      const term = termAt(log, index)!;
      const open = tape.logs.at(-1);
      if (open && open[0] === t && open[1] === i && open[3] === index - 1 && open[4] === term) open[3] = index;
      else tape.logs.push([t, i, index, index, term]);
      known.push(term);
    }
  }

  const hook: StepHook = (world, ev) => {
    if (isRaftDelivery(ev) && position.has(ev.from) && position.has(ev.to)) {
      const m = ev.body;
      const receiver = world.procs[ev.to]!;
      const isLost = !receiver.up || !(world.hosts[receiver.host]?.up ?? true);
      const type = RAFT_WIRE_TYPES.indexOf(m.type as (typeof RAFT_WIRE_TYPES)[number]);
      if (type >= 0) tape.msgs.push([ev.sentAt, isLost ? -world.now : world.now, position.get(ev.from)!, position.get(ev.to)!, type, m.term, m.index, m.entries.length, m.reject ? 1 : 0]);
    }
    const target = ev.kind === "deliver" ? ev.to : ev.kind === "timer" ? ev.proc : null;
    if (target !== null && position.has(target)) recordState(world, target);
    else if (target === null) for (const id of members) recordState(world, id); // an action may stop or start any member
  };

  return {
    hook,
    finish: () => {
      tape.msgs.sort((a, b) => a[0]! - b[0]!);
      return tape;
    },
  };
}

function stateRow(t: number, i: number, proc: Proc): number[] {
  const r = (proc.state as EtcdState).raft;
  const tickMs = (proc.config as EtcdConfig).timing.heartbeatMs;
  const isLeader = r.role === "leader";
  const start = isLeader ? -1 : proc.startedAt + r.electionResetTick * tickMs;
  const deadline = isLeader ? -1 : proc.startedAt + (r.electionResetTick + r.randomizedElectionTimeout) * tickMs;
  return [t, i, roleCode[r.role], r.term, r.commit, lastIndex(r.log), start, deadline];
}
