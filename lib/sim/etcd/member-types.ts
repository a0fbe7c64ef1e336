// State of one etcd member: the Raft state machine plus the etcd server around it (proposal waits,
// linearizable reads, watch streams, leader monitoring).
import type { Log } from "../raft/log";
import type { RaftState } from "../raft/types";
import type { Ms, ProcId } from "../core/types";
import type { EntryData } from "./protocol";
import type { MvccStore } from "./mvcc";
import type { ReadRound } from "./read-loop";

export type EtcdTiming = {
  heartbeatMs: Ms;
  electionMs: Ms;
  requestTimeoutMs: Ms;
  noLeaderChecks: number;
  readIndexRetryMs: Ms;
  preVote: boolean;
  checkQuorum: boolean;
  /**
   * Take the allocation-free path for steady-state heartbeats. It produces exactly the state and
   * messages of the general path (a test runs both and compares); off only in that test.
   */
  fastPaths: boolean;
};

export type EtcdConfig = {
  id: number;
  /** Raft member id -> process id, for every voter including this one. */
  peers: Record<number, ProcId>;
  timing: EtcdTiming;
};

/** What a member keeps on disk: the WAL (HardState + log) and the backend (bbolt) with its applied index. */
export type EtcdPersisted = { term: number; vote: number; commit: number; log: Log; store: MvccStore; applied: number };

export type Proposal = { client: ProcId; startedAt: Ms; data: EntryData; blocked: boolean };
export type PendingRead = { client: ProcId; key: string; prefix: boolean; startedAt: Ms; index: number | null };
export type ServerWatch = { client: ProcId; id: string; prefix: string; requireLeader: boolean };

export type EtcdState = {
  raft: RaftState;
  store: MvccStore;
  applied: number;
  /** The leader runs a real ticker (heartbeats every tick); followers only arm one election alarm. */
  tickerOn: boolean;
  alarmTick: number | null;
  advancePolls: number;
  proposals: Readonly<Record<string, Proposal>>;
  reads: Readonly<Record<string, PendingRead>>;
  /** The read loop's ReadIndex round in flight, if any (see read-loop.ts). */
  readRound: ReadRound | null;
  /** Keyed by `${client} ${watchId}`. */
  watches: Readonly<Record<string, ServerWatch>>;
  clients: readonly ProcId[];
  /** When the request-timeout timer is armed: one timer at the oldest waiting request's deadline. */
  timeoutAt: Ms | null;
  noLeaderChecks: number;
  /**
   * Whether the v3rpc leader monitor's next check is scheduled. etcd checks every election timeout
   * from boot; a check that finds a leader only resets the count, so checks are scheduled only
   * while the member has no leader (on the same boot-aligned grid), which is equivalent.
   */
  monitorArmed: boolean;
  /** Consecutive pre-vote campaigns without a leader, to summarize a long streak in the trace. */
  campaigns: number;
  leadElectedAt: Ms;
  /** Peers whose rafthttp connection answered since this member started (initial-election-tick-advance). */
  dialed: readonly number[];
};

export type EtcdTimer =
  | { t: "tick" }
  | { t: "alarm"; tick: number }
  | { t: "advance-poll" }
  | { t: "monitor" }
  | { t: "request-timeouts" }
  /** The retry (and, at the request timeout, failure) timer of read round `round`. */
  | { t: "read-retry"; round: string };

/** A field-by-field copy of an EtcdState with a new raft state (see copyRaft for why not a spread). */
export function withRaftState(s: EtcdState, raft: RaftState): EtcdState {
  return {
    raft,
    store: s.store,
    applied: s.applied,
    tickerOn: s.tickerOn,
    alarmTick: s.alarmTick,
    advancePolls: s.advancePolls,
    proposals: s.proposals,
    reads: s.reads,
    readRound: s.readRound,
    watches: s.watches,
    clients: s.clients,
    timeoutAt: s.timeoutAt,
    noLeaderChecks: s.noLeaderChecks,
    monitorArmed: s.monitorArmed,
    campaigns: s.campaigns,
    leadElectedAt: s.leadElectedAt,
    dialed: s.dialed,
  };
}
