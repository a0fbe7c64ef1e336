// Text renderings of a trace: the CLI's readable timeline and the one-line-per-event form used by
// the golden tests (etcd's datadriven style: `t=<ms> <component> <type> <fields>`).
import type { ClaimResult, Trace, TraceEvent } from "./types";

const FIXED = new Set(["t", "seq", "component", "type", "message"]);

function fieldText(v: unknown): string {
  if (Array.isArray(v)) return v.some((x) => String(x).includes(",")) ? JSON.stringify(v) : `[${v.join(",")}]`;
  if (typeof v === "string") return /^[\w./:@-]+$/.test(v) ? v : JSON.stringify(v);
  return String(v);
}

/** `key=value` pairs of an event's extra fields, in a stable order. */
function eventFields(e: TraceEvent): string {
  return Object.keys(e)
    .filter((k) => !FIXED.has(k))
    .sort()
    .map((k) => `${k}=${fieldText(e[k])}`)
    .join(" ");
}

/** One line per event, e.g. `t=21544 etcd-1 raft.became-leader term=2 votes=[etcd-1,etcd-2]`. */
export function eventLine(e: TraceEvent, withMessage = false): string {
  const fields = eventFields(e);
  const base = `t=${e.t} ${e.component} ${e.type}${fields === "" ? "" : ` ${fields}`}`;
  return withMessage ? `${base}\n    ${e.message}` : base;
}

function clock(ms: number): string {
  return `${(ms / 1000).toFixed(3).padStart(9)} s`;
}

/** A claim with its id (what a card's `claim:` names), its detail and its evidence, ending on the deciding event. */
function claimLines(c: ClaimResult, events: readonly TraceEvent[]): string[] {
  const lines = [`  ${c.passed ? "PASS" : "FAIL"}  ${c.id}: ${c.text}`, `        ${c.detail}`];
  const shown = c.evidence.length <= 4 ? c.evidence : [...c.evidence.slice(0, 3), c.evidence.at(-1)!];
  shown.forEach((seq, i) => {
    const e = events[seq];
    const deciding = i === shown.length - 1 ? " (deciding)" : "";
    if (i === 3 && c.evidence.length > 4) lines.push(`        … ${c.evidence.length - 4} more`);
    if (e !== undefined)
      lines.push(`        #${seq} at ${(e.t / 1000).toFixed(3)} s: ${e.component} ${e.type}${deciding}`);
  });
  return lines;
}

/** The CLI's readable timeline: header, one line per event with its message, then the claims. */
export function formatTimeline(trace: Trace): string {
  const params = Object.entries(trace.params)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(" ");
  const width = Math.max(...trace.events.map((e) => e.component.length), 10);
  const lines = [
    `${trace.scenario}: ${trace.title}`,
    `params: ${params || "(none)"}   seed: ${trace.seed}   engine: ${trace.engineVersion}`,
    "",
  ];
  for (const e of trace.events) lines.push(`${clock(e.t)}  ${e.component.padEnd(width)}  ${e.message}`);
  lines.push("");
  if (trace.outcome.status !== "completed") lines.push(`SIMULATION FAILED: ${trace.outcome.message}`);
  const passed = trace.claims.filter((c) => c.passed).length;
  lines.push(`claims: ${passed} of ${trace.claims.length} hold`);
  for (const c of trace.claims) lines.push(...claimLines(c, trace.events));
  return lines.join("\n");
}
