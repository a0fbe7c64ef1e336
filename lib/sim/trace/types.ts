// The trace: everything the browser replay, the CLI and the claims need, as plain JSON.
// Documented in docs/trace-format.md and validated by trace/schema.ts when read back.
import type { TraceEvent } from "../core/run";
import type { Fault } from "../faults/schema";

export type { TraceEvent };

export type ParamValue = number | boolean;
export type Params = Record<string, ParamValue>;

export type ClaimResult = {
  id: string;
  /** A plain-English statement, e.g. "Writes fail while 2 of 3 members are down". */
  text: string;
  passed: boolean;
  /** Sequence numbers of the events that prove (or refute) the claim. */
  evidence: number[];
  /** How the check concluded, for a learner or a failing test. */
  detail: string;
};

export type TopologyProc = { id: string; kind: string; host: string };
export type Topology = { hosts: { id: string; zone: string }[]; processes: TopologyProc[] };

export type Outcome =
  { status: "completed" } | { status: "bound-exceeded"; bound: string; atMs: number; message: string };

/** The Raft message types on the wire between etcd members; a tape row names one by its index. */
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
  /** A proposal a follower forwards to its leader (etcd's rafthttp carries it like any other). */
  "MsgProp",
] as const;

export type RaftWireType = (typeof RAFT_WIRE_TYPES)[number];

/** Member roles in tape rows: 0 down (crashed, stopped or powered off), then Raft's roles. */
export const RAFT_TAPE_ROLES = ["down", "follower", "pre-candidate", "candidate", "leader"] as const;

/**
 * The Raft wire of a run, row by row, as the engine recorded it (etcd/raft-tape-recorder.ts): what
 * the replay needs to draw an election the way RaftScope does. The trace carries it packed
 * (RaftTape below, trace/raft-tape-codec.ts); `unpackRaftTape` gives these rows back.
 */
export type RaftTapeRows = {
  /** etcd member component ids; position i is raft id i + 1. */
  members: string[];
  /** The etcd heartbeat interval (one raft tick), ms, and the election timeout in ticks. */
  tickMs: number;
  electionTicks: number;
  /**
   * One row per peer message between members: [sent, arrive, from, to, type, term, index, entries, reject].
   * arrive: the ms it is delivered, or -(the ms it would have arrived) when it was lost (partition,
   * drop, receiver down); from/to: member positions; type: index into RAFT_WIRE_TYPES; index: MsgApp
   * prev index / MsgAppResp index, else 0; entries: entries carried (MsgApp, MsgProp), else 0;
   * reject: 1 for a rejected vote or append, else 0. Sorted by sent, then from, to, type, and the
   * order they were sent in.
   */
  msgs: number[][];
  /**
   * Member state, one row whenever one of these changes: [t, member, role, term, commit, lastIndex, timerStart,
   * timerDeadline]. role: index into RAFT_TAPE_ROLES. A down member keeps the term, commit and log it has on disk.
   * timerStart/timerDeadline: the election timer in the engine's tick model: the tick boundary from
   * which electionElapsed counts (member start + electionResetTick × tickMs, at or before the reset;
   * earlier still after etcd's initial-election-tick-advance) and the ms tickElection fires
   * (electionElapsed reaches randomizedElectionTimeout); -1 for a leader or a down member.
   * Sorted by t, then member, then the order of the changes.
   */
  states: number[][];
  /**
   * Log changes: [t, member, from, to, term]: entries from..to now have `term` and the log ends at
   * `to` (anything after is truncated). Sorted like states.
   */
  logs: number[][];
};

/**
 * RaftTapeRows packed for the trace (about ten times smaller: heartbeats repeat). Read it with the
 * readers of lib/replay/raft-tape.ts or unpackRaftTape; docs/trace-format.md describes the packing.
 * `msgs`, `states` and `logs` hold streams: a key (msgs: from, to, type; states and logs: member),
 * the row count n, then one packed column per remaining field.
 */
export type RaftTape = Pick<RaftTapeRows, "members" | "tickMs" | "electionTicks"> & {
  msgs: number[][];
  states: number[][];
  logs: number[][];
};

export type Trace = {
  engineVersion: string;
  scenario: string;
  title: string;
  params: Params;
  seed: number;
  durationMs: number;
  topology: Topology;
  events: TraceEvent[];
  claims: ClaimResult[];
  outcome: Outcome;
  stats: { steps: number };
  /** The Raft wire, for scenarios that record it (ScenarioDef.raftTape); absent otherwise. */
  raft?: RaftTape;
  /** The faults added to the scenario's script (RunOptions.faults); absent when there were none. */
  faults?: Fault[];
};
