// Raft data types, named after etcd-io/raft (raftpb.Message, tracker.Progress) so that a reader who
// knows that code can map every field. Ids are 1-based member numbers; 0 means "none" (raft.None).
import type { Chunked } from "../core/chunked";

export const NONE = 0;

export type Entry = { index: number; term: number; data: unknown };

export type RaftMsgType =
  | "MsgApp"
  | "MsgAppResp"
  | "MsgVote"
  | "MsgVoteResp"
  | "MsgPreVote"
  | "MsgPreVoteResp"
  | "MsgHeartbeat"
  | "MsgHeartbeatResp"
  | "MsgProp"
  | "MsgReadIndex"
  | "MsgReadIndexResp";

/** raftpb.Message, reduced to the fields these message types use. */
export type RaftMsg = {
  /** The protocol tag every network message carries (see core/messages.ts). */
  p: "raft";
  type: RaftMsgType;
  from: number;
  to: number;
  /** 0 for MsgProp/MsgReadIndex, which are forwarded to the leader as local messages. */
  term: number;
  /** MsgApp: index of the entry before `entries`; MsgAppResp: last index matched (or rejected). */
  index: number;
  logTerm: number;
  commit: number;
  entries: readonly Entry[];
  reject: boolean;
  rejectHint: number;
  /** ReadIndex request context (the etcd request id), carried by heartbeats for ReadOnlySafe. */
  context: string;
};

type RaftRole = "follower" | "pre-candidate" | "candidate" | "leader";

/** tracker.Progress: the leader's view of one follower. */
export type Progress = {
  match: number;
  next: number;
  /** Probe: one MsgApp in flight until acknowledged. Replicate: stream optimistically. */
  state: "probe" | "replicate";
  /** Probe state has an unacknowledged MsgApp outstanding (MsgAppFlowPaused). */
  paused: boolean;
  /** Heard from since the last CheckQuorum; the leader always counts itself active. */
  recentActive: boolean;
  /** Highest commit index sent to this follower (lets the leader push commit indexes eagerly). */
  sentCommit: number;
};

/** A ReadIndex request waiting for a quorum of heartbeat acks (readOnly, ReadOnlySafe). */
type ReadIndexStatus = { ctx: string; index: number; from: number; acks: number[] };

export type RaftState = {
  id: number;
  /** etcd runs with both on (k8s-facts §1.2); tests turn them off to show what they prevent. */
  preVote: boolean;
  checkQuorum: boolean;
  voters: readonly number[];
  /** Persistent (HardState): term, vote and commit survive restarts, as does the log. */
  term: number;
  vote: number;
  commit: number;
  log: Chunked<Entry>;
  /** Volatile. */
  role: RaftRole;
  lead: number;
  electionTimeout: number;
  heartbeatTimeout: number;
  randomizedElectionTimeout: number;
  /**
   * electionElapsed is derived, not stored: it is the number of ticks since `electionResetTick`. This
   * lets followers skip tick events entirely (one alarm per timeout instead of ten ticks a second)
   * while timing out exactly when raft's tickElection would.
   */
  electionResetTick: number;
  heartbeatResetTick: number;
  votes: Readonly<Record<number, boolean>>;
  progress: Readonly<Record<number, Progress>>;
  readOnly: readonly ReadIndexStatus[];
  /** MsgReadIndex held until the new leader commits an entry of its term. */
  pendingReadIndex: readonly RaftMsg[];
};

/** What the host (the etcd server) must react to; raft itself never performs I/O. */
export type RaftEvent =
  | { type: "became-follower"; term: number; lead: number; reason: string }
  | { type: "became-pre-candidate"; term: number }
  | { type: "became-candidate"; term: number }
  | { type: "became-leader"; term: number; voters: number[] }
  | { type: "committed"; from: number; to: number }
  | { type: "read-state"; ctx: string; index: number }
  | { type: "proposal-dropped"; reason: string };

/** The environment a raft step runs in: the member's logical clock, randomness and outputs. */
export type RaftEnv = {
  /** The member's current tick (heartbeat intervals since it started). */
  readonly tick: number;
  rand(n: number): number;
  send(m: RaftMsg): void;
  emit(e: RaftEvent): void;
  /**
   * The RaftState, its progress record and its log (object and tail) belong to this step alone (the
   * caller owns them, see core/draft.ts), so progress updates and appends are written in place. When
   * false they may be shared with an earlier state and every update replaces them.
   */
  readonly inPlace: boolean;
};

/**
 * A field-by-field copy of a RaftState. Equivalent to `{ ...r }`, but it always builds objects of one
 * shape, which keeps V8's property access monomorphic on the hottest path of the engine.
 */
export function copyRaft(r: RaftState): RaftState {
  return {
    id: r.id,
    voters: r.voters,
    preVote: r.preVote,
    checkQuorum: r.checkQuorum,
    term: r.term,
    vote: r.vote,
    commit: r.commit,
    log: r.log,
    role: r.role,
    lead: r.lead,
    electionTimeout: r.electionTimeout,
    heartbeatTimeout: r.heartbeatTimeout,
    randomizedElectionTimeout: r.randomizedElectionTimeout,
    electionResetTick: r.electionResetTick,
    heartbeatResetTick: r.heartbeatResetTick,
    votes: r.votes,
    progress: r.progress,
    readOnly: r.readOnly,
    pendingReadIndex: r.pendingReadIndex,
  };
}
