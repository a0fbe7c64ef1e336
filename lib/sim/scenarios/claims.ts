// Helpers for checking claims against a trace: find events by type, component, time window and
// fields, and package the verdict with its evidence.
import type { ClaimResult, TraceEvent } from "../trace/types";

type EventFilter = {
  type?: string;
  component?: string;
  from?: number;
  to?: number;
  where?: (e: TraceEvent) => boolean;
};

export function select(events: readonly TraceEvent[], f: EventFilter): TraceEvent[] {
  return events.filter(
    (e) =>
      (f.type === undefined || e.type === f.type) &&
      (f.component === undefined || e.component === f.component) &&
      (f.from === undefined || e.t >= f.from) &&
      (f.to === undefined || e.t <= f.to) &&
      (f.where === undefined || f.where(e)),
  );
}

export function first(events: readonly TraceEvent[], f: EventFilter): TraceEvent | undefined {
  return select(events, f)[0];
}

/** The last event that matches, e.g. the latest of a series a claim checked. */
export function last(events: readonly TraceEvent[], f: EventFilter): TraceEvent | undefined {
  return select(events, f).at(-1);
}

/** The crash, at exactly `t`, of a process whose name starts with `prefix`: a scripted stop taking effect. */
export function stoppedAt(events: readonly TraceEvent[], t: number, prefix: string): TraceEvent | undefined {
  return first(events, { type: "process.crashed", from: t, to: t, where: (e) => e.component.startsWith(prefix) });
}

/** The last event of the run: where a claim about a window that lasts to the end is settled. */
export function end(events: readonly TraceEvent[]): TraceEvent | undefined {
  return events.at(-1);
}

/**
 * A claim's verdict with its evidence, sorted by seq; the last one is the deciding event, the
 * moment the claim is settled (decidingSeq), so pass the events that bound what the claim speaks
 * about and end on that moment: for an absence, the event that opens the window and the last event
 * checked. A claim with no evidence fails: it would ask the learner to trust a check nobody can see.
 */
export function claim(
  id: string,
  text: string,
  passed: boolean,
  evidence: readonly (TraceEvent | undefined)[],
  detail: string,
): ClaimResult {
  const seqs = [...new Set(evidence.filter((e): e is TraceEvent => e !== undefined).map((e) => e.seq))].sort(
    (a, b) => a - b,
  );
  if (seqs.length === 0)
    return {
      id,
      text,
      passed: false,
      evidence: [],
      detail: `${detail} No evidence: no event shows this claim, so it cannot pass.`,
    };
  return { id, text, passed, evidence: seqs, detail };
}

/** Field `f` of `e` as a number; NaN when the event or the field is missing, so any comparison with it fails. */
export function numberOf(e: TraceEvent | undefined, f: string): number {
  return Number(e?.[f] ?? Number.NaN);
}

/** "(seq N at 12.3 s)", for a claim's detail. */
export function at(e: TraceEvent | undefined): string {
  return e === undefined ? "(no event)" : `(seq ${e.seq} at ${s(e.t)})`;
}

export function s(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** When the request behind an api.response was sent. */
export function issuedAt(e: TraceEvent): number {
  return e.t - (typeof e.latencyMs === "number" ? e.latencyMs : 0);
}

/** api.response events for a kubectl command line whose request was sent in [from, to]. */
export function responses(
  events: readonly TraceEvent[],
  commandPrefix: string,
  from: number,
  to = Infinity,
): TraceEvent[] {
  return select(events, {
    type: "api.response",
    where: (e) =>
      typeof e.command === "string" && e.command.startsWith(commandPrefix) && issuedAt(e) >= from && issuedAt(e) <= to,
  });
}

/**
 * The fewest Ready pods at any event from `from` on, folded over `events` in the order given: pod.running and
 * pod.ready-changed set a pod's readiness; pod.deleted and `leavingType` (the event that takes a pod out of
 * service, e.g. eviction.granted) drop it from the count.
 */
export function fewestReady(
  events: readonly TraceEvent[],
  from: number,
  leavingType: string,
): { min: number; at: TraceEvent | undefined } {
  const ready = new Map<string, boolean>();
  let best = { min: Infinity, at: undefined as TraceEvent | undefined };
  for (const e of events) {
    const pod = String(e.pod);
    if (e.type === "pod.running") ready.set(pod, true);
    else if (e.type === "pod.ready-changed") ready.set(pod, e.ready === true);
    else if (e.type === leavingType || e.type === "pod.deleted") ready.delete(pod);
    else continue;
    const count = [...ready.values()].filter(Boolean).length;
    if (e.t >= from && count < best.min) best = { min: count, at: e };
  }
  return best;
}
