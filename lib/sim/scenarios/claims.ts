// Helpers for checking claims against a trace: find events by type, component, time window and
// fields, and package the verdict with its evidence.
import type { ClaimResult, TraceEvent } from "../trace/types";

export type EventFilter = { type?: string; component?: string; from?: number; to?: number; where?: (e: TraceEvent) => boolean };

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

export function claim(id: string, text: string, passed: boolean, evidence: readonly (TraceEvent | undefined)[], detail: string): ClaimResult {
  const seqs = evidence.filter((e): e is TraceEvent => e !== undefined).map((e) => e.seq);
  return { id, text, passed, evidence: [...new Set(seqs)].sort((a, b) => a - b), detail };
}

export function s(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** When the request behind an api.response was sent. */
export function issuedAt(e: TraceEvent): number {
  return e.t - (typeof e.latencyMs === "number" ? e.latencyMs : 0);
}

/** api.response events for a kubectl command line whose request was sent in [from, to]. */
export function responses(events: readonly TraceEvent[], commandPrefix: string, from: number, to = Infinity): TraceEvent[] {
  return select(events, { type: "api.response", where: (e) => typeof e.command === "string" && e.command.startsWith(commandPrefix) && issuedAt(e) >= from && issuedAt(e) <= to });
}
