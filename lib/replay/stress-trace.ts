import type { Trace } from "@/lib/sim";

/**
 * A long trace for the replay benchmark: a real trace's events repeated end to end (each copy
 * shifted in time) until there are `eventCount` of them, The events
 * are real ones, so the player does exactly the work a long run would make it do.
 */
export function tileTrace(trace: Trace, eventCount: number): Trace {
  const events: Trace["events"] = [];
  for (let copy = 0; events.length < eventCount; copy++) {
    for (const event of trace.events) {
      if (events.length === eventCount) break;
      events.push({ ...event, t: event.t + copy * trace.durationMs, seq: events.length });
    }
  }
  const durationMs = events.at(-1)!.t + 1000;
  return {
    ...trace,
    scenario: `${trace.scenario}`,
    durationMs,
    events,
    claims: [],
  };
}
