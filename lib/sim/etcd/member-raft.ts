// Drives the Raft state machine for an etcd member: builds the RaftEnv from the Ctx, turns raft
// events into trace records, applies committed entries to the MVCC store, answers waiting clients,
// and keeps the member's tick timers in sync with its role.
import { assert } from "../core/assert";
import type { Ctx } from "../core/component";
import { entryAt } from "../raft/log";
import { msg } from "../raft/raft";
import { stepRaft } from "../raft/step";
import { NONE, type RaftEnv, type RaftEvent, type RaftMsg, type RaftState } from "../raft/types";
import { applyOp, getKey, rangePrefix } from "./mvcc";
import { ETCD_ERR, isEntryData } from "./protocol";
import type { EtcdConfig, EtcdState, Proposal } from "./member-types";
import { traceRaftEvent } from "./member-trace";

export function currentTick(cfg: EtcdConfig, ctx: Ctx): number {
  return Math.floor((ctx.now - ctx.startedAt) / cfg.timing.heartbeatMs);
}

function tickTime(cfg: EtcdConfig, ctx: Ctx, tick: number): number {
  return ctx.startedAt + tick * cfg.timing.heartbeatMs;
}

// The RaftEnv's methods are shared functions (one env object per step, no closures).
type Env = RaftEnv & { ctx: Ctx; cfg: EtcdConfig; events: RaftEvent[] };
function rand(this: Env, n: number): number {
  return this.ctx.rng.int(n);
}
function send(this: Env, m: RaftMsg): void {
  const to = this.cfg.peers[m.to];
  assert(to !== undefined, `raft message to unknown member ${m.to}`);
  this.ctx.send(to, { p: "raft", m });
}
function emit(this: Env, e: RaftEvent): void {
  this.events.push(e);
}

/** Runs `fn` against a fresh copy of the raft state, then reconciles the server around it. */
export function withRaft(s: EtcdState, cfg: EtcdConfig, ctx: Ctx, fn: (r: RaftState, env: RaftEnv) => void): EtcdState {
  const r: RaftState = { ...s.raft };
  const events: RaftEvent[] = [];
  const env: Env = { tick: currentTick(cfg, ctx), ctx, cfg, events, rand, send, emit };
  const prevLead = s.raft.lead;
  fn(r, env);
  let next: EtcdState = { ...s, raft: r };
  // raft.node only reads proposals while a leader is known (propc is nil otherwise): release them now.
  if (r.lead !== NONE) next = flushBlocked(next, r, env);
  for (const e of events) next = onRaftEvent(next, e, cfg, ctx);
  if (r.lead !== prevLead) next = onLeaderChange(next, ctx);
  next = applyCommitted(next, cfg, ctx);
  return syncTimers(next, cfg, ctx);
}

function flushBlocked(s: EtcdState, r: RaftState, env: RaftEnv): EtcdState {
  const ids = Object.keys(s.proposals).filter((id) => s.proposals[id]!.blocked).sort();
  if (ids.length === 0) return s;
  const proposals = { ...s.proposals };
  for (const id of ids) {
    const p = proposals[id]!;
    proposals[id] = { ...p, blocked: false };
    stepRaft(r, msg({ type: "MsgProp", from: r.id, to: r.id, entries: [{ index: 0, term: 0, data: p.data }] }), env);
  }
  return { ...s, proposals };
}

function onRaftEvent(s0: EtcdState, e: RaftEvent, cfg: EtcdConfig, ctx: Ctx): EtcdState {
  let s = s0;
  if (e.type === "became-pre-candidate") s = { ...s, campaigns: s.campaigns + 1 };
  else if (e.type === "became-leader" || (e.type === "became-follower" && e.lead !== NONE)) s = { ...s, campaigns: 0 };
  traceRaftEvent(s, e, cfg, ctx);
  if (e.type !== "read-state") return s;
  const read = s.reads[e.ctx];
  if (read === undefined || read.index !== null) return s;
  return { ...s, reads: { ...s.reads, [e.ctx]: { ...read, index: e.index } } };
}

/** etcd's leaderChanged notifier fails in-flight ReadIndex requests; proposals keep waiting. */
function onLeaderChange(s: EtcdState, ctx: Ctx): EtcdState {
  const reads = { ...s.reads };
  for (const id of Object.keys(reads).sort()) {
    const read = reads[id]!;
    if (read.index !== null) continue;
    ctx.send(read.client, { p: "etcd", kind: "error", id, code: "Unavailable", message: ETCD_ERR.leaderChanged });
    delete reads[id];
  }
  const leadElectedAt = s.raft.lead !== NONE ? ctx.now : s.leadElectedAt;
  return { ...s, reads, leadElectedAt };
}

/** Applies newly committed entries in order, answers their proposers and feeds watch streams. */
function applyCommitted(s: EtcdState, cfg: EtcdConfig, ctx: Ctx): EtcdState {
  if (s.applied >= s.raft.commit && !hasReadyReads(s)) return s;
  let store = s.store;
  let proposals: Record<string, Proposal> = s.proposals;
  const watchKeys = Object.keys(s.watches).sort();
  for (let i = s.applied + 1; i <= s.raft.commit; i++) {
    const entry = entryAt(s.raft.log, i);
    assert(entry !== undefined, `committed entry ${i} missing from the log`);
    if (!isEntryData(entry.data)) continue;
    const data = entry.data;
    const res = applyOp(store, data.op);
    store = res.store;
    for (const k of watchKeys) {
      const w = s.watches[k]!;
      const events = res.events.filter((ev) => ev.kv.key.startsWith(w.prefix));
      if (events.length > 0) ctx.send(w.client, { p: "etcd", kind: "watch-events", id: w.id, events });
    }
    const p = data.origin === cfg.id ? proposals[data.id] : undefined;
    if (p !== undefined) {
      ctx.send(p.client, { p: "etcd", kind: "txn-resp", id: data.id, result: res.result });
      proposals = { ...proposals };
      delete proposals[data.id];
    }
  }
  let next: EtcdState = { ...s, store, proposals, applied: Math.max(s.applied, s.raft.commit) };
  if (hasReadyReads(next)) next = serveReads(next, ctx);
  return next;
}

function hasReadyReads(s: EtcdState): boolean {
  for (const id in s.reads) {
    const idx = s.reads[id]!.index;
    if (idx !== null && idx <= Math.max(s.applied, s.raft.commit)) return true;
  }
  return false;
}

/** A linearizable read is served once the member has applied up to the confirmed read index. */
function serveReads(s: EtcdState, ctx: Ctx): EtcdState {
  const reads = { ...s.reads };
  for (const id of Object.keys(reads).sort()) {
    const read = reads[id]!;
    if (read.index === null || read.index > s.applied) continue;
    const kvs = read.prefix ? rangePrefix(s.store, read.key) : [getKey(s.store, read.key)].filter((kv) => kv !== undefined);
    ctx.send(read.client, { p: "etcd", kind: "range-resp", id, kvs, rev: s.store.rev });
    delete reads[id];
  }
  return { ...s, reads };
}

/** Leader: a ticker on every tick boundary. Others: one alarm at the tick their election timer expires. */
export function syncTimers(s: EtcdState, cfg: EtcdConfig, ctx: Ctx): EtcdState {
  if (s.raft.role === "leader") {
    if (s.tickerOn) return s;
    ctx.after(tickTime(cfg, ctx, currentTick(cfg, ctx) + 1) - ctx.now, { t: "tick" });
    return { ...s, tickerOn: true };
  }
  const due = s.raft.electionResetTick + s.raft.randomizedElectionTimeout;
  if (s.alarmTick !== null && s.alarmTick <= due) return s;
  const at = Math.max(tickTime(cfg, ctx, due), ctx.now);
  ctx.after(at - ctx.now, { t: "alarm", tick: due });
  return { ...s, alarmTick: due };
}
