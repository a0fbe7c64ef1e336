// Replay support for the browser player. A View is what the cluster diagram shows at one
// moment. It is derived from the trace alone: initialView(topology) and then applyEvent for each
// event in order. Checkpoints store the view every CHECKPOINT_EVERY events so that seeking restores
// the nearest checkpoint and folds forward (RaftScope's state.seek with checkpoints). The player builds
// them once when a trace arrives: they are derived data, so the trace does not carry them. All pure.
import type { Topology, Trace, TraceEvent } from "../trace/types";
import { applyWorkloadEvent } from "./workloads";
import { withPod, type Checkpoint, type NodeView, type ProcView, type View } from "./types";

export const CHECKPOINT_EVERY = 100;

export function initialView(topology: Topology): View {
  const hosts: View["hosts"] = {};
  for (const h of topology.hosts) hosts[h.id] = { up: true, zone: h.zone };
  const procs: View["procs"] = {};
  const backends: View["backends"] = {};
  for (const p of topology.processes) {
    procs[p.id] = { kind: p.kind, host: p.host, up: false, role: null, term: null, commitIndex: null, leading: false };
    if (p.kind === "kube-apiserver" && topology.processes.some((x) => x.kind === "load-balancer"))
      backends[p.id] = true;
  }
  return {
    t: 0,
    seq: -1,
    hosts,
    procs,
    nodes: {},
    pods: {},
    backends,
    partitions: [],
    traffic: null,
    replicasets: {},
    services: {},
    pvcs: [],
    proxies: {},
    request: null,
  };
}

function str(e: TraceEvent, key: string): string {
  const v = e[key];
  return typeof v === "string" ? v : "";
}

function num(e: TraceEvent, key: string): number | null {
  const v = e[key];
  return typeof v === "number" ? v : null;
}

function withProc(v: View, id: string, patch: Partial<ProcView>): View {
  const p = v.procs[id];
  return p === undefined ? v : { ...v, procs: { ...v.procs, [id]: { ...p, ...patch } } };
}

const ROLE: Record<string, ProcView["role"]> = {
  "raft.became-leader": "leader",
  "raft.became-follower": "follower",
  "raft.became-candidate": "candidate",
  "raft.became-pre-candidate": "pre-candidate",
};

/** Folds one trace event into a view. Pure: returns a new view and leaves `view` untouched. */
export function applyEvent(view: View, e: TraceEvent): View {
  const v: View = { ...view, t: e.t, seq: e.seq };
  const c = e.component;
  switch (e.type) {
    case "process.started":
    case "process.restarted":
      return withProc(v, c, { up: true });
    case "process.crashed":
      return withProc(v, c, { up: false, role: null, leading: false });
    case "host.powered-off":
    case "host.powered-on": {
      const h = v.hosts[c];
      return h === undefined ? v : { ...v, hosts: { ...v.hosts, [c]: { ...h, up: e.type === "host.powered-on" } } };
    }
    case "raft.became-leader":
    case "raft.became-follower":
    case "raft.became-candidate":
    case "raft.became-pre-candidate":
      return withProc(v, c, { role: ROLE[e.type] ?? null, term: num(e, "term") });
    case "raft.committed":
      return withProc(v, c, { commitIndex: num(e, "index") });
    case "leader-election.acquired": {
      let next = v;
      const kind = v.procs[c]?.kind;
      for (const id of Object.keys(v.procs))
        if (v.procs[id]!.kind === kind && v.procs[id]!.leading) next = withProc(next, id, { leading: false });
      return withProc(next, c, { leading: true });
    }
    case "leader-election.lost":
      return withProc(v, c, { leading: false });
    case "lb.backend-down":
    case "lb.backend-up":
      return { ...v, backends: { ...v.backends, [str(e, "backend")]: e.type === "lb.backend-up" } };
    case "node.registered":
      return { ...v, nodes: { ...v.nodes, [str(e, "node")]: { ready: "True", taints: [] } } };
    case "node.ready-changed": {
      const n = v.nodes[str(e, "node")] ?? { ready: "True" as const, taints: [] };
      return { ...v, nodes: { ...v.nodes, [str(e, "node")]: { ...n, ready: str(e, "status") as NodeView["ready"] } } };
    }
    case "node.tainted":
    case "node.untainted": {
      const n = v.nodes[str(e, "node")] ?? { ready: "True" as const, taints: [] };
      const taints = Array.isArray(e.taints) ? e.taints : [];
      return { ...v, nodes: { ...v.nodes, [str(e, "node")]: { ...n, taints } } };
    }
    case "pod.created":
      return withPod(v, str(e, "pod"), {});
    case "pod.scheduled":
      return withPod(v, str(e, "pod"), { node: str(e, "node"), reason: null });
    case "pod.running":
      return withPod(v, str(e, "pod"), { node: str(e, "node"), phase: "Running", ready: true, ip: str(e, "ip") });
    case "pod.not-ready":
      return withPod(v, str(e, "pod"), { ready: false });
    case "pod.evicted":
    case "eviction.granted":
      return withPod(v, str(e, "pod"), { phase: "Terminating", ready: false });
    case "pod.deleted":
    case "pod.orphan-stopped": {
      const pods = { ...v.pods };
      delete pods[str(e, "pod")];
      return { ...v, pods };
    }
    case "network.partitioned":
      return { ...v, partitions: Array.isArray(e.groups) ? e.groups : [] };
    case "network.healed":
      return { ...v, partitions: [] };
    case "app.traffic":
      return { ...v, traffic: { ok: num(e, "ok") ?? 0, failed: num(e, "failed") ?? 0 } };
    default:
      return applyWorkloadEvent(v, e);
  }
}

/** Views after every `every`-th event (seq every-1, 2*every-1, ...). Pure. */
export function buildCheckpoints(
  topology: Topology,
  events: readonly TraceEvent[],
  every = CHECKPOINT_EVERY,
): Checkpoint[] {
  const out: Checkpoint[] = [];
  let v = initialView(topology);
  for (const e of events) {
    v = applyEvent(v, e);
    if ((e.seq + 1) % every === 0) out.push({ seq: e.seq, t: e.t, view: v });
  }
  return out;
}

/** A trace to seek in: its events, and the checkpoints built from them (none: fold from the start). */
type Seekable = Pick<Trace, "topology" | "events"> & { checkpoints?: readonly Checkpoint[] };

/** The view right after event `seq` (-1 for the start): nearest checkpoint, then fold forward. */
export function viewAt(trace: Seekable, seq: number): View {
  let start: View = initialView(trace.topology);
  for (const cp of trace.checkpoints ?? []) if (cp.seq <= seq && cp.seq > start.seq) start = cp.view;
  let v = start;
  for (let i = start.seq + 1; i <= seq && i < trace.events.length; i++) v = applyEvent(v, trace.events[i]!);
  return v;
}

/** The view at virtual time `t`: every event with e.t <= t applied. */
export function viewAtTime(trace: Seekable, t: number): View {
  let seq = -1;
  for (const e of trace.events) {
    if (e.t > t) break;
    seq = e.seq;
  }
  return { ...viewAt(trace, seq), t };
}
