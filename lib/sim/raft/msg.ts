// Raft messages as plain values (etcd-io/raft raftpb.Message), built with every unused field zeroed.
// A leaf: every other raft file may use it.
import type { Entry, RaftMsg, RaftMsgType } from "./types";

/** A raft message with every unused field zeroed. */
export const NO_ENTRIES: readonly Entry[] = Object.freeze([]);

/**
 * A message with the fields heartbeats and appends use, built without an options object: these are
 * the bulk of all messages, and msg()'s options object was not always optimized away.
 */
export function msgOf(
  type: RaftMsgType,
  from: number,
  to: number,
  term: number,
  index: number,
  logTerm: number,
  commit: number,
  entries: readonly Entry[],
  context: string,
): RaftMsg {
  return { p: "raft", type, from, to, term, index, logTerm, commit, entries, reject: false, rejectHint: 0, context };
}

/**
 * The last heartbeat and heartbeat response built per sender and receiver (keys from heartbeatKey).
 * Not world state: it only decides which object carries a message's values.
 */
const lastHeartbeats = new Map<number, RaftMsg>();

function heartbeatKey(type: "MsgHeartbeat" | "MsgHeartbeatResp", from: number, to: number): number {
  return (from * 0x10000 + to) * 2 + (type === "MsgHeartbeat" ? 0 : 1);
}

/**
 * msgOf for a heartbeat or its response. A steady cluster sends the same heartbeats tick after tick,
 * and messages are immutable values, so the last one built from `from` to `to` is sent again when
 * its fields match: most heartbeats then allocate nothing (etcd-io/raft likewise reuses its buffers).
 */
export function heartbeatOf(
  type: "MsgHeartbeat" | "MsgHeartbeatResp",
  from: number,
  to: number,
  term: number,
  commit: number,
  context: string,
): RaftMsg {
  const key = heartbeatKey(type, from, to);
  const last = lastHeartbeats.get(key);
  if (
    last !== undefined &&
    last.type === type &&
    last.from === from &&
    last.to === to &&
    last.term === term &&
    last.commit === commit &&
    last.context === context
  )
    return last;
  const m = msgOf(type, from, to, term, 0, 0, commit, NO_ENTRIES, context);
  lastHeartbeats.set(key, m);
  return m;
}

export function msg(m: Partial<RaftMsg> & Pick<RaftMsg, "type" | "from" | "to">): RaftMsg {
  // An explicit literal (not a spread over defaults): this runs for every Raft message.
  return {
    p: "raft",
    type: m.type,
    from: m.from,
    to: m.to,
    term: m.term ?? 0,
    index: m.index ?? 0,
    logTerm: m.logTerm ?? 0,
    commit: m.commit ?? 0,
    entries: m.entries ?? NO_ENTRIES,
    reject: m.reject ?? false,
    rejectHint: m.rejectHint ?? 0,
    context: m.context ?? "",
  };
}
