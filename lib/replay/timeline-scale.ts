// The timeline's horizontal scale. The cluster's bootstrap (processes starting, the first etcd
// election, nodes registering) is folded into a short "starting" stretch at the left, so the
// scenario's own story gets the width. Positions run from 0 to 1. Pure.

/** The share of the width the bootstrap stretch keeps. */
const bootstrapShare = 0.06;

export type TimelineScale = { bootstrapEnd: number; duration: number };

function share(scale: TimelineScale): number {
  return scale.bootstrapEnd > 0 && scale.bootstrapEnd < scale.duration ? bootstrapShare : 0;
}

/** Position (0–1) of virtual time t. */
export function positionOf(scale: TimelineScale, t: number): number {
  const s = share(scale);
  if (s === 0) return scale.duration > 0 ? Math.min(1, Math.max(0, t / scale.duration)) : 0;
  if (t <= scale.bootstrapEnd) return (Math.max(0, t) / scale.bootstrapEnd) * s;
  return s + ((Math.min(t, scale.duration) - scale.bootstrapEnd) / (scale.duration - scale.bootstrapEnd)) * (1 - s);
}

/** Virtual time at position p (0–1): the inverse of positionOf. */
export function timeAt(scale: TimelineScale, p: number): number {
  const s = share(scale);
  const q = Math.min(1, Math.max(0, p));
  if (s === 0) return q * scale.duration;
  if (q <= s) return (q / s) * scale.bootstrapEnd;
  return scale.bootstrapEnd + ((q - s) / (1 - s)) * (scale.duration - scale.bootstrapEnd);
}
