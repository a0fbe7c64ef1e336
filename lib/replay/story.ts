import type { ClaimResult, Trace, TraceEvent } from "@/lib/sim";

// Where a replay's story starts and where a claim is settled. Every scenario boots its cluster from
// nothing (processes start, etcd elects its first leader, the API servers fill their watch caches,
// the kubelets register their nodes) before the scenario's own story begins; the replay opens after
// that stretch, and draws a process that has not started yet as "starting", never as "down".

/** Processes and nodes that come up within this much virtual time belong to the cluster's bootstrap. */
const bootstrapWindowMs = 10_000;

/** The first time each process started (process.started), by component id. */
export function firstStarts(events: readonly TraceEvent[]): Record<string, number> {
  const starts: Record<string, number> = {};
  for (const event of events)
    if (event.type === "process.started" && starts[event.component] === undefined) starts[event.component] = event.t;
  return starts;
}

/**
 * When the cluster has finished starting: every process that starts in the first seconds has
 * started, etcd has a leader, each API server's watch cache is ready, the controller manager and the
 * scheduler lead, and every node that registers in the first seconds has registered. Rounded up to
 * the next 100 ms. Pure.
 */
export function bootstrapEndOf(events: readonly TraceEvent[]): number {
  let end = 0;
  const seen = new Set<string>();
  const once = (key: string, t: number) => {
    if (seen.has(key)) return;
    seen.add(key);
    end = Math.max(end, t);
  };
  for (const event of events) {
    if (event.t > bootstrapWindowMs) break;
    if (event.type === "process.started") once(`start ${event.component}`, event.t);
    else if (event.type === "raft.became-leader") once("etcd leader", event.t);
    else if (event.type === "apiserver.cache-ready") once(`cache ${event.component}`, event.t);
    else if (event.type === "leader-election.acquired") once(`lease ${event.component.replace(/-\d+$/, "")}`, event.t);
    else if (event.type === "node.registered") once(`node ${String(event.node)}`, event.t);
  }
  return Math.ceil(end / 100) * 100;
}

/** The event that settles a claim: the latest of its evidence (undefined when it has none). */
export function decidingEvent(trace: Pick<Trace, "events">, claim: ClaimResult): TraceEvent | undefined {
  const seq = claim.evidence.length ? Math.max(...claim.evidence) : -1;
  return trace.events[seq];
}

/**
 * Where a replay opens: at `t` when the link names a moment, else at the moment that decides the
 * claim in focus, else right after the cluster has started. Pure.
 */
export function openingTime(
  trace: Pick<Trace, "events" | "durationMs">,
  focus: { t?: number; claim?: ClaimResult },
): number {
  if (focus.t !== undefined && Number.isFinite(focus.t))
    return Math.min(Math.max(0, Math.round(focus.t)), trace.durationMs);
  const decided = focus.claim ? decidingEvent(trace, focus.claim) : undefined;
  if (decided) return decided.t;
  return Math.min(bootstrapEndOf(trace.events), trace.durationMs);
}
