// What a learner's faults changed: the first event where the faulted trace leaves the base trace,
// the key moments (leader elections, refused writes, evictions, available replicas, Leases, nodes
// going unready) that happened in one run and not the other or at another time, and the claims that
// flipped. Both traces come from the same scenario, params and seed, so up to the first fault they
// are identical event for event.
import { s } from "../scenarios/claims";
import type { Trace, TraceEvent } from "../trace/types";

export type KeyMomentKind = "leader" | "write-refused" | "pod-evicted" | "replicas-available" | "lease" | "node";

export type KeyMomentDiff = {
  kind: KeyMomentKind;
  /** What happened, the same in both columns, e.g. "etcd leader of term 3". */
  label: string;
  /** When and how it happened in each run, e.g. "etcd-2 at 31.2 s"; null: it did not happen there. */
  base: string | null;
  faulted: string | null;
};

export type Divergence = { index: number; t: number; base: TraceEvent | null; faulted: TraceEvent | null };

export type RunComparison = {
  firstDivergence: Divergence | null;
  keyMoments: KeyMomentDiff[];
  flippedClaims: { id: string; text: string; base: boolean; faulted: boolean }[];
};

/** A comparison lists at most this many key moments, earliest first. */
export const KEY_MOMENTS_MAX = 40;

/** A key moment of one run: `key` names the same moment in the other run (with its occurrence). */
type Moment = { kind: KeyMomentKind; key: string; label: string; text: string; t: number };

function momentOf(e: TraceEvent): Omit<Moment, "key"> & { subject: string } {
  const when = `at ${s(e.t)}`;
  const base = { t: e.t, text: when };
  switch (e.type) {
    case "raft.became-leader":
      return {
        ...base,
        kind: "leader",
        subject: `term ${String(e.term)}`,
        label: `etcd leader of term ${String(e.term)}`,
        text: `${e.component} ${when}`,
      };
    case "api.response":
      return {
        ...base,
        kind: "write-refused",
        subject: String(e.command),
        label: `write refused: ${String(e.command)}`,
        text: `${e.status === 0 ? "no answer" : `HTTP ${String(e.status)}`} ${when}`,
      };
    case "pod.evicted":
      return { ...base, kind: "pod-evicted", subject: String(e.pod), label: `${String(e.pod)} evicted` };
    case "deployment.rollout-complete":
      return {
        ...base,
        kind: "replicas-available",
        subject: `${String(e.deployment)}/${String(e.replicas)}`,
        label: `Deployment ${String(e.deployment)}: ${String(e.replicas)} replicas available`,
      };
    case "leader-election.acquired":
      return { ...base, kind: "lease", subject: e.component, label: `${e.component} becomes the active leader` };
    default:
      return {
        ...base,
        kind: "node",
        subject: String(e.node),
        label: `node ${String(e.node)} ${e.status === "False" ? "NotReady" : "Unknown"}`,
      };
  }
}

function isKeyEvent(e: TraceEvent): boolean {
  switch (e.type) {
    case "raft.became-leader":
    case "pod.evicted":
    case "deployment.rollout-complete":
    case "leader-election.acquired":
      return true;
    case "api.response":
      // A kubectl command that changes something (any but get) failed at one of its requests: no answer
      // (status 0) or an error (a 404 that apply answers by creating the object is not one).
      return (
        typeof e.command === "string" &&
        !e.command.startsWith("kubectl get") &&
        (e.status === 0 || (typeof e.error === "string" && e.error.length > 0))
      );
    case "node.ready-changed":
      return e.status !== "True";
    default:
      return false;
  }
}

/** The key moments of a run from `index` on, each keyed by its kind, subject and occurrence. */
function momentsOf(events: readonly TraceEvent[], index: number): Map<string, Moment> {
  const out = new Map<string, Moment>();
  const seen = new Map<string, number>();
  for (let i = index; i < events.length; i++) {
    const e = events[i]!;
    if (!isKeyEvent(e)) continue;
    const { subject, ...m } = momentOf(e);
    const stem = `${m.kind}|${subject}`;
    const n = seen.get(stem) ?? 0;
    seen.set(stem, n + 1);
    out.set(`${stem}|${n}`, { ...m, key: `${stem}|${n}` });
  }
  return out;
}

function eventText(e: TraceEvent | undefined): string | null {
  return e === undefined ? null : JSON.stringify(e);
}

/** The first index where the two event lists differ, or null when they are the same. Pure. */
export function firstDivergence(base: readonly TraceEvent[], faulted: readonly TraceEvent[]): Divergence | null {
  const n = Math.max(base.length, faulted.length);
  for (let i = 0; i < n; i++) {
    if (eventText(base[i]) === eventText(faulted[i])) continue;
    const b = base[i] ?? null;
    const f = faulted[i] ?? null;
    return { index: i, t: Math.min(b?.t ?? Infinity, f?.t ?? Infinity), base: b, faulted: f };
  }
  return null;
}

/** The key moments from `index` on that differ between the runs, earliest first. Pure. */
function keyMomentDiffs(base: readonly TraceEvent[], faulted: readonly TraceEvent[], index: number): KeyMomentDiff[] {
  const b = momentsOf(base, index);
  const f = momentsOf(faulted, index);
  const keys = [...new Set([...b.keys(), ...f.keys()])];
  const diffs = keys
    .map((key) => ({ x: b.get(key), y: f.get(key) }))
    .filter(({ x, y }) => x?.text !== y?.text)
    .map(({ x, y }) => ({ t: Math.min(x?.t ?? Infinity, y?.t ?? Infinity), m: (x ?? y)!, x, y }))
    .sort((p, q) => p.t - q.t);
  return diffs.slice(0, KEY_MOMENTS_MAX).map(({ m, x, y }) => ({
    kind: m.kind,
    label: m.label,
    base: x?.text ?? null,
    faulted: y?.text ?? null,
  }));
}

/** What the faulted run did differently from the base run (same scenario, params and seed). Pure. */
export function compareRuns(base: Trace, faulted: Trace): RunComparison {
  const divergence = firstDivergence(base.events, faulted.events);
  const keyMoments = divergence === null ? [] : keyMomentDiffs(base.events, faulted.events, divergence.index);
  const flippedClaims = faulted.claims.flatMap((c) => {
    const before = base.claims.find((b) => b.id === c.id);
    return before === undefined || before.passed === c.passed
      ? []
      : [{ id: c.id, text: c.text, base: before.passed, faulted: c.passed }];
  });
  return { firstDivergence: divergence, keyMoments, flippedClaims };
}
