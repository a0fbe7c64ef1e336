// The Raft log (raftLog in etcd-io/raft): entries 1..lastIndex stored in a persistent chunked list.
// There is no compaction or snapshotting: scenario logs stay far below etcd's --snapshot-count
// (10,000 entries), so followers always catch up from the log itself.
import { fail } from "../core/assert";
import {
  chunkedAppend,
  chunkedAt,
  chunkedEmpty,
  chunkedPush,
  chunkedSlice,
  chunkedTruncate,
  type Chunked,
} from "../core/chunked";
import type { Entry } from "./types";

export type Log = Chunked<Entry>;

export function emptyLog(): Log {
  return chunkedEmpty<Entry>(1);
}

export function lastIndex(log: Log): number {
  return log.len;
}

/** Term of the entry at `i`; 0 for index 0 (the empty prefix); undefined past the end. */
export function termAt(log: Log, i: number): number | undefined {
  if (i === 0) return 0;
  return chunkedAt(log, i)?.term;
}

export function lastTerm(log: Log): number {
  return termAt(log, lastIndex(log)) ?? 0;
}

export function entryAt(log: Log, i: number): Entry | undefined {
  return chunkedAt(log, i);
}

/** Up to `max` entries starting at `from`. */
export function entriesFrom(log: Log, from: number, max: number): Entry[] {
  return chunkedSlice(log, from, Math.min(from + max, lastIndex(log) + 1));
}

function matchTerm(log: Log, index: number, term: number): boolean {
  return termAt(log, index) === term;
}

/** raftLog.isUpToDate: the candidate's last entry is at least as recent as ours (§5.4.1). */
export function isUpToDate(log: Log, index: number, term: number): boolean {
  const lt = lastTerm(log);
  return term > lt || (term === lt && index >= lastIndex(log));
}

/**
 * Appends entries whose indexes continue the log. Pure by default; with `inPlace` it appends to `log`
 * itself, which the caller must own (see RaftEnv.inPlace and chunkedPush).
 */
export function appendLog(log: Log, entries: readonly Entry[], inPlace = false): Log {
  if (entries.length === 0) return log;
  if (entries[0]!.index !== lastIndex(log) + 1)
    fail(`append at ${entries[0]!.index} after last index ${lastIndex(log)}`);
  if (!inPlace) return chunkedAppend(log, entries);
  chunkedPush(log, entries);
  return log;
}

/** raftLog.findConflict: first index whose term differs from ours, or 0 if all entries match. */
export function findConflict(log: Log, entries: readonly Entry[]): number {
  for (const e of entries) if (!matchTerm(log, e.index, e.term)) return e.index;
  return 0;
}

/**
 * raftLog.findConflictByTerm: the largest index <= `index` whose term is <= `term`, with that term.
 * Lets a leader skip a follower's divergent tail in one round trip.
 */
export function findConflictByTerm(log: Log, index: number, term: number): { index: number; term: number } {
  for (let i = Math.min(index, lastIndex(log)); i > 0; i--) {
    const t = termAt(log, i) ?? 0;
    if (t <= term) return { index: i, term: t };
  }
  return { index: 0, term: 0 };
}

/**
 * raftLog.maybeAppend: if our entry at `prevIndex` has `prevTerm`, overwrite any conflicting suffix
 * with `entries` and return the new log and the last index covered. Entries at or below `committed`
 * never conflict (that would lose a committed entry, which Raft's Log Matching forbids).
 */
export function maybeAppend(
  log: Log,
  committed: number,
  prevIndex: number,
  prevTerm: number,
  entries: readonly Entry[],
  inPlace = false,
): { log: Log; lastNew: number } | null {
  if (!matchTerm(log, prevIndex, prevTerm)) return null;
  const lastNew = prevIndex + entries.length;
  const ci = findConflict(log, entries);
  if (ci === 0) return { log, lastNew };
  if (ci <= committed) fail(`entry ${ci} conflicts with committed entry (committed=${committed})`);
  const suffix = entries.slice(ci - prevIndex - 1);
  return { log: appendLog(chunkedTruncate(log, ci - 1), suffix, inPlace), lastNew };
}
