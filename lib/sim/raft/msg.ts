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
