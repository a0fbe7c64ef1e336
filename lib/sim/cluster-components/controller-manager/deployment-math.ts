// The arithmetic of a Deployment rollout, as pkg/controller/deployment/util and rolling.go do it:
// maxSurge rounds up and maxUnavailable rounds down (validation refuses both written as 0, but a
// percentage can still round down to 0: both 0 would stall, so unavailable becomes 1),
// the new ReplicaSet grows while the total stays within replicas + maxSurge, and old ReplicaSets
// shrink while at least replicas - maxUnavailable pods stay available (unhealthy ones first).
import { assert } from "../../core/assert";
import type { IntOrPercent } from "../../objects/meta";

const PERCENT = /^(\d+)%$/;
/** Parsed percentages: every sync of every Deployment resolves the same few strings ("25%"). Not world state. */
const percents = new Map<string, number>();

function percentOf(v: string): number {
  let n = percents.get(v);
  if (n === undefined) {
    const m = PERCENT.exec(v);
    assert(m !== null, `invalid int-or-percent ${v}`);
    percents.set(v, (n = Number(m[1])));
  }
  return n;
}

/** intstr.GetScaledValueFromIntOrPercent: a percentage of `total`, rounded up or down. Pure. */
export function scaledValue(v: IntOrPercent, total: number, roundUp: boolean): number {
  if (typeof v === "number") return v;
  const x = percentOf(v) * total;
  return roundUp ? Math.ceil(x / 100) : Math.floor(x / 100);
}

/** ResolveFenceposts: [maxSurge, maxUnavailable]. Pure. */
export function resolveFenceposts(
  maxSurge: IntOrPercent,
  maxUnavailable: IntOrPercent,
  replicas: number,
): [number, number] {
  const surge = scaledValue(maxSurge, replicas, true);
  const unavailable = scaledValue(maxUnavailable, replicas, false);
  return surge === 0 && unavailable === 0 ? [0, 1] : [surge, unavailable];
}

/** One ReplicaSet as the rollout sees it: its desired size and how many of its pods are available. */
export type RsCount = { name: string; replicas: number; available: number; createdAt: number };

/** NewRSNewReplicas for RollingUpdate. Pure. */
export function newRsReplicas(replicas: number, surge: number, all: readonly RsCount[], current: RsCount): number {
  const total = all.reduce((a, r) => a + r.replicas, 0);
  const maxTotal = replicas + surge;
  if (total >= maxTotal) return current.replicas;
  const up = Math.min(maxTotal - total, replicas - current.replicas);
  return current.replicas + Math.max(0, up);
}

/** reconcileOldReplicaSets: the new sizes of old ReplicaSets (only those that change). Pure. */
export function scaleDownOld(
  replicas: number,
  unavailable: number,
  fresh: RsCount,
  olds: readonly RsCount[],
): Record<string, number> {
  const out: Record<string, number> = {};
  const oldCount = olds.reduce((a, r) => a + r.replicas, 0);
  if (oldCount === 0) return out;
  const minAvailable = replicas - unavailable;
  const allCount = oldCount + fresh.replicas;
  const freshUnavailable = fresh.replicas - fresh.available;
  let budget = allCount - minAvailable - freshUnavailable;
  if (budget <= 0) return out;
  const byAge = [...olds].sort((a, b) => a.createdAt - b.createdAt || (a.name < b.name ? -1 : 1));
  const after = new Map(byAge.map((r) => [r.name, r.replicas]));
  // cleanupUnhealthyReplicas: pods that are not available go first and cost no availability.
  for (const r of byAge) {
    if (budget <= 0) break;
    const unhealthy = r.replicas - r.available;
    if (unhealthy <= 0) continue;
    const n = Math.min(budget, unhealthy);
    after.set(r.name, r.replicas - n);
    budget -= n;
  }
  // scaleDownOldReplicaSetsForRollingUpdate: then available ones while availability allows.
  const available = fresh.available + byAge.reduce((a, r) => a + Math.min(r.available, after.get(r.name)!), 0);
  let room = available - minAvailable;
  for (const r of byAge) {
    if (room <= 0) break;
    const cur = after.get(r.name)!;
    if (cur === 0) continue;
    const n = Math.min(cur, room);
    after.set(r.name, cur - n);
    room -= n;
  }
  for (const r of byAge) if (after.get(r.name)! !== r.replicas) out[r.name] = after.get(r.name)!;
  return out;
}
