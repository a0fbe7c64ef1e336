// The etcd member component: a Raft node plus the etcd server (etcd-io/etcd server/etcdserver).
// Defaults follow k8s-facts §1: 100 ms heartbeat ticks, 1000 ms election timeout randomized to
// [1000, 1900] ms, PreVote and CheckQuorum on, 7 s request timeout, require-leader watches
// cancelled after 3 leaderless election timeouts, and initial-election-tick-advance at boot.
import { defineComponent, type Ctx } from "../core/component";
import type { Envelope } from "../core/types";
import { chunkedCopy } from "../core/chunked";
import { emptyLog } from "../raft/log";
import { newRaft } from "../raft/raft";
import { tickElection, tickHeartbeat } from "../raft/tick";
import { copyRaft, NONE } from "../raft/types";
import { emptyStore, thawStore } from "./mvcc";
import { ETCD_ERR } from "./protocol";
import {
  thawEtcd,
  withEtcd,
  type EtcdConfig,
  type EtcdPersisted,
  type EtcdState,
  type EtcdTimer,
} from "./member-types";
import { currentTick, STEP, steadyAlarm, steadyTick, syncTimers, TICK, withRaft } from "./member-raft";
import { lastIndex } from "../raft/log";
import { heartbeatOf } from "../raft/msg";
import type { RaftMsg } from "../raft/types";
import { dropClient, expireRequests, handleClientRpc, retryRead } from "./member-requests";
import { copyRecord, emptyRecord } from "../core/records";
import { clusterId, clusterIdOf, DEFAULT_CLUSTER_TOKEN, peerSend } from "./cluster-id";

/** etcd polls for peer connections every 50 ms for up to rafthttp.ConnReadTimeout (5 s). */
const ADVANCE_POLL_MS = 50;
const ADVANCE_POLLS_MAX = 100;

function boot(cfg: EtcdConfig, persisted: unknown, ctx: Ctx): EtcdState {
  const disk = (persisted as EtcdPersisted | undefined) ?? {
    term: 0,
    vote: NONE,
    commit: 0,
    log: emptyLog(),
    store: emptyStore(),
    applied: 0,
  };
  const voters = Object.keys(cfg.peers).map(Number);
  const rCfg = {
    electionTicks: cfg.timing.electionMs / cfg.timing.heartbeatMs,
    heartbeatTicks: 1,
    preVote: cfg.timing.preVote,
    checkQuorum: cfg.timing.checkQuorum,
  };
  // The log and store on disk stay as they were (they are the `persisted` snapshot); the member
  // appends to copies of their growing parts.
  const hard = { term: disk.term, vote: disk.vote, commit: disk.commit, log: chunkedCopy(disk.log) };
  let s: EtcdState = {
    raft: newRaft(cfg.id, voters, rCfg, hard, {
      tick: 0,
      rand: (n) => ctx.rng.int(n),
      send: () => undefined,
      emit: () => undefined,
      inPlace: false,
    }),
    store: thawStore(disk.store),
    applied: disk.applied,
    tickerOn: false,
    alarmTick: null,
    advancePolls: 0,
    // Null-prototype records: the run may add and delete ever-new request ids in place (core/records.ts).
    proposals: emptyRecord(),
    reads: emptyRecord(),
    readRound: null,
    watches: {},
    clients: [],
    timeoutAt: null,
    noLeaderChecks: 0,
    monitorArmed: true,
    campaigns: 0,
    leadElectedAt: Number.MIN_SAFE_INTEGER, // never: JSON has no -Infinity
    dialed: [],
    mismatched: [],
  };
  ctx.trace(
    "raft.became-follower",
    `${ctx.self} started as a follower at term ${disk.term} and waits to hear from a leader.`,
    { term: disk.term, leader: null },
  );
  ctx.after(cfg.timing.electionMs, { t: "monitor" });
  if (voters.length === 1) {
    // adjustTicks: a single-member cluster fast-forwards electionTicks-1 ticks and elects itself quickly.
    s = advanceTicks(s, rCfg.electionTicks - 1);
  } else {
    for (const id of voters) if (id !== cfg.id) ctx.send(cfg.peers[id]!, { p: "etcd", kind: "peer-dial" });
    ctx.after(ADVANCE_POLL_MS, { t: "advance-poll" });
  }
  return syncTimers(s, cfg, ctx);
}

/** raft.node.advanceTicks: pretend `n` ticks passed without hearing from a leader. */
function advanceTicks(s: EtcdState, n: number): EtcdState {
  const raft = copyRaft(s.raft);
  raft.electionResetTick -= n;
  return withEtcd(s, { raft });
}

function onTimer(s: EtcdState, timer: EtcdTimer, cfg: EtcdConfig, ctx: Ctx): EtcdState {
  switch (timer.t) {
    case "tick": {
      if (s.raft.role !== "leader") return syncTimers(withEtcd(s, { tickerOn: false }), cfg, ctx);
      const steady = cfg.timing.fastPaths ? steadyTick(s, cfg, ctx) : null;
      if (steady !== null) {
        ctx.after(cfg.timing.heartbeatMs, TICK);
        return steady;
      }
      const next = withRaft(s, cfg, ctx, tickHeartbeat);
      if (next.raft.role === "leader") ctx.after(cfg.timing.heartbeatMs, TICK);
      return next.raft.role === "leader" ? next : syncTimers(withEtcd(next, { tickerOn: false }), cfg, ctx);
    }
    case "alarm": {
      if (timer.tick !== s.alarmTick) return s; // superseded by an earlier alarm
      s.alarmTick = null; // s belongs to this call (see own)
      const steady = cfg.timing.fastPaths ? steadyAlarm(s, cfg, ctx) : null;
      return steady ?? withRaft(s, cfg, ctx, tickElection);
    }
    case "advance-poll": {
      const active = s.dialed.length;
      if (active > 1) return syncTimers(advanceTicks(s, cfg.timing.electionMs / cfg.timing.heartbeatMs - 2), cfg, ctx);
      if (s.advancePolls + 1 < ADVANCE_POLLS_MAX) ctx.after(ADVANCE_POLL_MS, { t: "advance-poll" });
      return withEtcd(s, { advancePolls: s.advancePolls + 1 });
    }
    case "monitor": {
      const next = monitorLeader(s, cfg, ctx);
      const again = next.raft.lead === NONE; // with a leader the count is 0: no need to look again until it is lost
      if (again) ctx.after(cfg.timing.electionMs, { t: "monitor" });
      return withEtcd(next, { monitorArmed: again });
    }
    case "request-timeouts":
      return expireRequests(s, cfg, currentTick(cfg, ctx), ctx);
    case "read-retry":
      return retryRead(s, cfg, timer.round, ctx);
  }
}

/** v3rpc monitorLeader: after etcdNoLeaderChecks leaderless election timeouts, cancel require-leader streams. */
function monitorLeader(s: EtcdState, cfg: EtcdConfig, ctx: Ctx): EtcdState {
  const checks = s.raft.lead === NONE ? s.noLeaderChecks + 1 : 0;
  if (checks < cfg.timing.noLeaderChecks) return withEtcd(s, { noLeaderChecks: checks });
  const keys = Object.keys(s.watches)
    .filter((k) => s.watches[k]!.requireLeader)
    .sort();
  if (keys.length === 0) return withEtcd(s, { noLeaderChecks: checks });
  const watches = copyRecord(s.watches);
  for (const k of keys) {
    const w = watches[k]!;
    ctx.send(w.client, { p: "etcd", kind: "watch-cancelled", id: w.id, reason: ETCD_ERR.noLeader });
    delete watches[k];
  }
  const seconds = (checks * cfg.timing.electionMs) / 1000;
  ctx.trace(
    "etcd.watches-cancelled",
    `${ctx.self} has had no leader for ${seconds} s (${checks} election timeouts) and ` +
      `cancels ${keys.length} watch stream(s) that require a leader: "${ETCD_ERR.noLeader}".`,
    { streams: keys.length },
  );
  return withEtcd(s, { watches, noLeaderChecks: checks });
}

/**
 * Heartbeats that change nothing but timers: a follower hearing its known leader with no new commit
 * index or read context, and a leader hearing back from a caught-up, active follower. Raft.Step
 * would do exactly this; skipping the general path saves most of a 3-member cluster's work.
 */
function steadyHeartbeat(s: EtcdState, m: RaftMsg, cfg: EtcdConfig, ctx: Ctx): EtcdState | null {
  const r = s.raft;
  if (m.term !== r.term || m.context !== "" || s.applied < r.commit) return null;
  if (
    m.type === "MsgHeartbeat" &&
    r.role === "follower" &&
    r.lead === m.from &&
    m.commit <= r.commit &&
    s.alarmTick !== null
  ) {
    peerSend(ctx, cfg, cfg.peers[m.from]!, heartbeatOf("MsgHeartbeatResp", r.id, m.from, r.term, 0, ""));
    r.electionResetTick = currentTick(cfg, ctx); // s and s.raft belong to this call (see own)
    return s;
  }
  if (m.type === "MsgHeartbeatResp" && r.role === "leader") {
    const pr = r.progress[m.from];
    if (pr === undefined || !pr.recentActive || pr.paused || pr.state !== "replicate" || pr.match < lastIndex(r.log))
      return null;
    return s;
  }
  return null;
}

/**
 * The state a handler call works on. The member's handlers edit their state in place (see withRaft):
 * the run's own state when ctx.ownsState (core/draft.ts), else a private copy, so that the state
 * passed in stays untouched (the pure step()). Nothing outside the state refers to what is edited:
 * messages carry entries, key-values and numbers, `persisted` holds the log and store as they were
 * at the crash (boot copies their growing parts), and trace fields are plain values.
 */
function own(s: EtcdState, ctx: Ctx): EtcdState {
  return ctx.ownsState === true ? s : thawEtcd(s);
}

/** A peer message from this member's own cluster. */
function onRaft(s: EtcdState, m: RaftMsg, cfg: EtcdConfig, ctx: Ctx): EtcdState {
  const fast = cfg.timing.fastPaths ? steadyHeartbeat(s, m, cfg, ctx) : null;
  return fast ?? withRaft(s, cfg, ctx, STEP, m);
}

/**
 * rafthttp checks every peer request's X-Etcd-Cluster-ID header (http.go
 * checkClusterCompatibilityFromHeader): a message from another cluster is refused with "request
 * cluster ID mismatch" and never reaches Raft. Traced once per peer.
 */
function rejectPeer(s: EtcdState, from: string, remote: string, cfg: EtcdConfig, ctx: Ctx): EtcdState {
  if (s.mismatched.includes(from)) return s;
  ctx.trace(
    "etcd.cluster-id-mismatch",
    `${ctx.self} refuses a Raft message from ${from}: request cluster ID mismatch (local ${clusterIdOf(cfg)}, ` +
      `remote ${remote}). The two are different clusters; nothing ${from} sends reaches ${ctx.self}'s Raft.`,
    { peer: from, local: clusterIdOf(cfg), remote },
  );
  return withEtcd(s, { mismatched: [...s.mismatched, from].sort() });
}

function onMessage(s: EtcdState, env: Envelope, cfg: EtcdConfig, ctx: Ctx): EtcdState {
  const body = env.body;
  if (body.p === "etcd" && body.kind === "peer-msg") {
    return body.cluster === clusterIdOf(cfg)
      ? onRaft(s, body.msg, cfg, ctx)
      : rejectPeer(s, env.from, body.cluster, cfg, ctx);
  }
  if (body.p === "raft") {
    // A message without a cluster header comes from a member of the cluster built without a token.
    if (cfg.cluster !== undefined)
      return rejectPeer(s, env.from, clusterId(DEFAULT_CLUSTER_TOKEN, Object.values(cfg.peers)), cfg, ctx);
    return onRaft(s, body, cfg, ctx);
  }
  if (body.p === "net") return body.kind === "closed" ? dropClient(s, env.from) : s;
  if (body.p !== "etcd") return s;
  if (body.kind === "peer-dial" || body.kind === "peer-ack") {
    const id = Number(Object.keys(cfg.peers).find((k) => cfg.peers[Number(k)] === env.from));
    if (body.kind === "peer-dial") ctx.send(env.from, { p: "etcd", kind: "peer-ack" });
    return s.dialed.includes(id) ? s : withEtcd(s, { dialed: [...s.dialed, id] });
  }
  return handleClientRpc(s, cfg, { ...env, body }, ctx);
}

export const etcdMember = defineComponent<EtcdConfig, EtcdState, EtcdTimer>({
  kind: "etcd",
  editsOwnedState: true,
  boot,
  onMessage: (s, env, ctx, cfg) => onMessage(own(s, ctx), env, cfg, ctx),
  onTimer: (s, timer, ctx, cfg) => onTimer(own(s, ctx), timer, cfg, ctx),
  onCrash: (s) => {
    const persisted: EtcdPersisted = {
      term: s.raft.term,
      vote: s.raft.vote,
      commit: s.raft.commit,
      log: s.raft.log,
      store: s.store,
      applied: s.applied,
    };
    return { persisted, peers: [...s.clients] };
  },
});
