import { RAFT_WIRE_TYPES, unpackRaftTape, type RaftTape, type TraceEvent } from "@/lib/sim";

// Time you can see. An etcd election happens in a few milliseconds of virtual time (a message takes
// 1 ms between machines), a node eviction minutes later. Playing at one virtual second per second
// would show the election in a single frame, so the player slows down automatically around bursts:
// inside a dilation window one virtual millisecond takes `realMsPerVirtualMs` real milliseconds,
// whatever the chosen speed. Outside, the chosen speed applies (and quiet stretches may be skipped).

export type DilationWindow = { from: number; to: number; realMsPerVirtualMs: number; reason: string };

/**
 * One virtual millisecond inside a burst lasts this long on screen: a message in flight for 1 ms is seen for a third of
 * a second.
 */
export const burstRealMsPerVirtualMs = 350;

/** Events that make a burst worth slowing down, with the virtual time around them that belongs to it. */
const burstEvents: Record<string, { before: number; after: number; reason: string }> = {
  "raft.became-pre-candidate": { before: 2, after: 3, reason: "etcd election" },
  "raft.became-candidate": { before: 1, after: 3, reason: "etcd election" },
  "raft.became-leader": { before: 1, after: 4, reason: "etcd election" },
};

/** Windows closer than this (virtual ms) merge into one, so playback does not lurch between rates. */
const mergeGapMs = 6;

/**
 * The stretches of virtual time to slow down, sorted and disjoint: around etcd's elections, and
 * around each vote message on the wire when the trace records it (`voteSpans`, [sent, arrive]).
 * Pure.
 */
export function dilationWindows(
  events: readonly TraceEvent[],
  voteSpans: readonly (readonly [number, number])[] = [],
): DilationWindow[] {
  const spans: { from: number; to: number; reason: string }[] = [];
  for (const event of events) {
    const burst = burstEvents[event.type];
    if (burst)
      spans.push({ from: Math.max(0, event.t - burst.before), to: event.t + burst.after, reason: burst.reason });
  }
  for (const [sent, arrive] of voteSpans)
    spans.push({ from: Math.max(0, sent - 1), to: arrive + 1, reason: "etcd election" });
  spans.sort((a, b) => a.from - b.from);
  const merged: DilationWindow[] = [];
  for (const span of spans) {
    const last = merged.at(-1);
    if (last && span.from - last.to <= mergeGapMs) last.to = Math.max(last.to, span.to);
    else merged.push({ ...span, realMsPerVirtualMs: burstRealMsPerVirtualMs });
  }
  return merged;
}

/** The window that contains t, by binary search (windows are sorted and disjoint). */
export function windowAt(windows: readonly DilationWindow[], t: number): DilationWindow | undefined {
  let low = 0;
  let high = windows.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const w = windows[mid]!;
    if (t < w.from) high = mid - 1;
    else if (t >= w.to) low = mid + 1;
    else return w;
  }
  return undefined;
}

/** The first window that starts after t. */
function nextWindow(windows: readonly DilationWindow[], t: number): DilationWindow | undefined {
  let low = 0;
  let high = windows.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (windows[mid]!.from <= t) low = mid + 1;
    else high = mid;
  }
  return windows[low];
}

/**
 * Where the playhead is after `realMs` of playing from `t` at `speed` (virtual ms per real ms outside
 * the windows). Inside a window time runs at 1 / realMsPerVirtualMs instead. Pure.
 */
export function advance(windows: readonly DilationWindow[], t: number, realMs: number, speed: number): number {
  let now = t;
  let budget = realMs;
  for (let guard = 0; budget > 1e-9 && guard < 64; guard++) {
    const inside = windowAt(windows, now);
    if (inside) {
      const step = budget / inside.realMsPerVirtualMs;
      if (now + step < inside.to) return now + step;
      budget -= (inside.to - now) * inside.realMsPerVirtualMs;
      now = inside.to;
      continue;
    }
    const next = nextWindow(windows, now);
    const step = budget * speed;
    if (!next || now + step < next.from) return now + step;
    budget -= (next.from - now) / speed;
    now = next.from;
  }
  return now;
}

const voteTypes = new Set<number>(
  ["MsgPreVote", "MsgPreVoteResp", "MsgVote", "MsgVoteResp"].map((type) =>
    RAFT_WIRE_TYPES.indexOf(type as (typeof RAFT_WIRE_TYPES)[number]),
  ),
);

/** [sent, arrive] of every vote message on the tape (a lost one until it would have arrived). Pure. */
export function voteSpans(tape: RaftTape): [number, number][] {
  return unpackRaftTape(tape)
    .msgs.filter((row) => voteTypes.has(row[4]!))
    .map((row) => [row[0]!, Math.abs(row[1]!)]);
}
