// State of one etcd member: the Raft state machine plus the etcd server around it (proposal waits,
// linearizable reads, watch streams, leader monitoring).
import { chunkedCopy } from "../core/chunked";
import { copyRecord } from "../core/records";
import type { Log } from "../raft/log";
import { copyRaft, type RaftState } from "../raft/types";
import type { Ms, ProcId } from "../core/types";
import type { EntryData } from "./protocol";
import { thawStore } from "./mvcc";
import type { MvccStore } from "./protocol";

/** A round of the read loop: `ctx` is the ReadIndex request context, unique in the world. */
export type ReadRound = { ctx: string; startedAt: number; reads: readonly string[]; index: number | null };

export type EtcdTiming = {
  heartbeatMs: Ms;
  electionMs: Ms;
  requestTimeoutMs: Ms;
  noLeaderChecks: number;
  readIndexRetryMs: Ms;
  preVote: boolean;
  checkQuorum: boolean;
  /**
   * Take the short paths for steady-state heartbeats, leader ticks and follower alarms. They produce
   * exactly the state and messages of the general path (a test runs both and compares); off only in
   * that test.
   */
  fastPaths: boolean;
};

export type EtcdConfig = {
  id: number;
  /** Raft member id -> process id, for every voter including this one. */
  peers: Record<number, ProcId>;
  timing: EtcdTiming;
  /**
   * `--initial-cluster-token` the data dir was created with; with the member list it fixes the cluster
   * ID (membership.NewClusterFromURLsMap). Absent: etcd's default, "etcd-cluster". A snapshot restore
   * writes a new data dir for a new token (etcd/restore.ts).
   */
  cluster?: string;
};

/** What a member keeps on disk: the WAL (HardState + log) and the backend (bbolt) with its applied index. */
export type EtcdPersisted = { term: number; vote: number; commit: number; log: Log; store: MvccStore; applied: number };

type Proposal = { client: ProcId; startedAt: Ms; data: EntryData; blocked: boolean };
type PendingRead = { client: ProcId; key: string; prefix: boolean; startedAt: Ms; index: number | null };
type ServerWatch = { client: ProcId; id: string; prefix: string; requireLeader: boolean };

export type EtcdState = {
  raft: RaftState;
  store: MvccStore;
  applied: number;
  /** The leader runs a real ticker (heartbeats every tick); followers only arm one election alarm. */
  tickerOn: boolean;
  alarmTick: number | null;
  advancePolls: number;
  /** Edited in place by the handler call that owns the state (member.ts `own`). */
  proposals: Record<string, Proposal>;
  reads: Record<string, PendingRead>;
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
  /** Peers whose messages this member dropped for a cluster ID mismatch (traced once each). */
  mismatched: readonly string[];
};

export type EtcdTimer =
  | { t: "tick" }
  | { t: "alarm"; tick: number }
  | { t: "advance-poll" }
  | { t: "monitor" }
  | { t: "request-timeouts" }
  /** The retry (and, at the request timeout, failure) timer of read round `round`. */
  | { t: "read-retry"; round: string };

/**
 * `s` with `changes`, as a new state. Every EtcdState is built by withRaftState, so all have one
 * hidden class: object spreads gave states of each call site their own, which made every read of a
 * member's state (its handlers, the raft tape's recorder) a megamorphic property access.
 */
export function withEtcd(s: EtcdState, changes: Partial<EtcdState>): EtcdState {
  return Object.assign(withRaftState(s, s.raft), changes);
}

/** A field-by-field copy of an EtcdState with a new raft state (see copyRaft for why not a spread). */
function withRaftState(s: EtcdState, raft: RaftState): EtcdState {
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
    mismatched: s.mismatched,
  };
}

/**
 * A copy of `s` that the member's handlers may edit in place (member.ts thaws every state the run
 * does not own). Copied: the state, its Raft state and progress record, the log's and the store's
 * growing parts, and the proposal and read records. Everything else is immutable or replaced on
 * write (votes, read queues, watches, client lists), so it is shared.
 */
export function thawEtcd(s: EtcdState): EtcdState {
  const raft = copyRaft(s.raft);
  raft.progress = { ...s.raft.progress };
  raft.log = chunkedCopy(s.raft.log);
  const next = withRaftState(s, raft);
  next.store = thawStore(s.store);
  next.proposals = copyRecord(s.proposals);
  next.reads = copyRecord(s.reads);
  return next;
}
