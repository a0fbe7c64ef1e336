// Sharing a run's prefix: everything before a faulted run's first fault is the base run, event for
// event, so the faulted run resumes from a snapshot of it (core/snapshot.ts) instead of re-running it.
// A run given a PrefixStore leaves snapshots there at fixed moments of virtual time until its first
// fault; a faulted run of the same scenario, params and seed resumes from the latest one at or before
// its first fault. The store is the caller's (the app keeps a small LRU per worker), so lib/sim holds
// no state between runs.
import { runUntil, type Sim } from "../core/run";
import { snapshotSim, type SimSnapshot } from "../core/snapshot";
import type { Ms } from "../core/types";
import type { RaftRecorder } from "../etcd/raft-tape-recorder";

/** The state before anything due at `at` has run (every event before it has). */
export type PrefixSnapshot = { at: Ms; sim: SimSnapshot; recorder: RaftRecorder | null };

/** Snapshots per run, by prefixKey; the array is the store's and runs add to it (kept sorted by `at`). */
export type PrefixStore = { snapshotsFor(key: string): PrefixSnapshot[] };

/** At most this many snapshots per run: they are spaced evenly, at least SNAPSHOT_EVERY_MIN_MS apart. */
export const SNAPSHOTS_PER_RUN_MAX = 12;
export const SNAPSHOT_EVERY_MIN_MS = 5000;

/** The spacing of a run's snapshots: whole seconds, at most SNAPSHOTS_PER_RUN_MAX of them. Pure. */
export function snapshotEveryMs(durationMs: Ms): Ms {
  return Math.max(SNAPSHOT_EVERY_MIN_MS, Math.ceil(durationMs / SNAPSHOTS_PER_RUN_MAX / 1000) * 1000);
}

/** Everything that makes two runs' prefixes identical. */
export function prefixKey(parts: {
  engineVersion: string;
  scenario: string;
  params: unknown;
  seed: number;
  raftTape: boolean;
  bounds: unknown;
}): string {
  const { engineVersion, scenario, params, seed, raftTape, bounds } = parts;
  return [engineVersion, scenario, JSON.stringify(params), seed, raftTape, JSON.stringify(bounds)].join("|");
}

/** The latest snapshot taken at or before `at`, if any. */
export function latestSnapshot(kept: readonly PrefixSnapshot[], at: Ms): PrefixSnapshot | undefined {
  let best: PrefixSnapshot | undefined;
  for (const snap of kept) if (snap.at <= at) best = snap;
  return best;
}

/**
 * Runs `sim` up to (not including) `end`, leaving a snapshot in `kept` at every multiple of `everyMs`
 * on the way that it does not hold yet. Mutates `sim` and `kept`.
 */
export function runKeepingSnapshots(
  sim: Sim,
  recorder: RaftRecorder | null,
  end: Ms,
  kept: PrefixSnapshot[],
  everyMs: Ms,
): void {
  for (let at = (Math.floor(sim.world.now / everyMs) + 1) * everyMs; at <= end; at += everyMs) {
    runUntil(sim, at - 1);
    if (kept.some((k) => k.at === at)) continue;
    const i = kept.findIndex((k) => k.at > at);
    const snap = { at, sim: snapshotSim(sim), recorder: recorder === null ? null : recorder.fork() };
    kept.splice(i < 0 ? kept.length : i, 0, snap);
  }
}
