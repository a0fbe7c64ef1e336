// Holds faults that passed the schema against the cluster of one run: every target must exist and be
// something a fault can hit, and every fault must fall inside the run. Messages are in the learner's
// words, naming what the cluster does have.
import type { Topology, TopologyProc, TraceEvent } from "../trace/types";
import type { Fault } from "./schema";

/**
 * What a fault list is checked against: a trace has all of it. The run about to be made has no events yet,
 * so faults naming a Deployment are then not checked: kubectl answers NotFound in the trace, as it would.
 */
type FaultShape = { topology: Topology; durationMs: number; events?: readonly TraceEvent[] };

export type FaultError = { index: number; message: string };
export type FaultCheck = { ok: true } | { ok: false; errors: FaultError[] };

/**
 * Tools and traffic around the cluster rather than parts of it: the learner drives them (kubectl) or
 * they stand for the outside world, so stopping them says nothing about Kubernetes.
 */
const OUTSIDE_KINDS = new Set([
  "kubectl",
  "web-client",
  "load-generator",
  "net-client",
  "etcdctl",
  "kubeadm",
  "cloud-provider",
]);

function isFaultableProcess(p: TopologyProc): boolean {
  return !OUTSIDE_KINDS.has(p.kind);
}

/** The machines of the cluster: hosts that run at least one faultable process. Sorted. */
export function clusterHosts(topology: Topology): string[] {
  const hosts = new Set(topology.processes.filter(isFaultableProcess).map((p) => p.host));
  return topology.hosts.map((h) => h.id).filter((id) => hosts.has(id));
}

/** The Kubernetes nodes: hosts that run a kubelet. */
function nodeNames(topology: Topology): string[] {
  return topology.processes.filter((p) => p.kind === "kubelet").map((p) => p.host);
}

function list(ids: readonly string[]): string {
  return ids.join(", ");
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}

/** How the learner calls several processes of one kind. */
const KIND_NAMES: Record<string, string> = {
  etcd: "etcd members",
  "kube-apiserver": "API servers",
  "kube-controller-manager": "controller managers",
  "kube-scheduler": "schedulers",
  kubelet: "kubelets",
};

function processProblem(topology: Topology, target: string): string | null {
  const proc = topology.processes.find((p) => p.id === target);
  if (proc !== undefined)
    return isFaultableProcess(proc)
      ? null
      : `${target} (${proc.kind}) stands outside the cluster, so it is not something a fault can hit`;
  // "etcd-4" → the etcd members; "kube-apiserver-9" → the API servers; otherwise every component.
  const kind = topology.processes.find((p) => target.startsWith(`${p.kind}-`) || target.startsWith(`${p.kind}/`))?.kind;
  const same = topology.processes.filter((p) => p.kind === kind).map((p) => p.id);
  const all = topology.processes.filter(isFaultableProcess).map((p) => p.id);
  return kind !== undefined && same.length > 0
    ? `there is no ${target} in this cluster; its ${KIND_NAMES[kind] ?? `${kind} processes`} are ${list(same)}`
    : `there is no ${target} in this cluster; its components are ${list(all)}`;
}

function hostProblem(topology: Topology, host: string): string | null {
  const hosts = clusterHosts(topology);
  if (hosts.includes(host)) return null;
  return topology.hosts.some((h) => h.id === host)
    ? `${host} stands outside the cluster (it runs only clients); the cluster's machines are ${list(hosts)}`
    : `there is no machine ${host} in this cluster; its machines are ${list(hosts)}`;
}

function partitionProblem(topology: Topology, groups: readonly (readonly string[])[]): string | null {
  const seen = new Set<string>();
  for (const host of groups.flat()) {
    const problem = hostProblem(topology, host);
    if (problem !== null) return problem;
    if (seen.has(host)) return `${host} is in two groups; a machine is on one side of a partition`;
    seen.add(host);
  }
  if (groups.length === 1 && seen.size === clusterHosts(topology).length)
    return "the group holds every machine, so nothing is cut off; leave at least one machine out";
  return null;
}

/** When each Deployment of the run got its first ReplicaSet (the replay draws it from then on), by name. */
function deploymentsSeen(events: readonly TraceEvent[]): Map<string, number> {
  const seen = new Map<string, number>();
  for (const e of events)
    if (e.type === "replicaset.created" && typeof e.deployment === "string" && !seen.has(e.deployment))
      seen.set(e.deployment, e.t);
  return seen;
}

function deploymentProblem(events: readonly TraceEvent[], name: string, atMs: number): string | null {
  const seen = deploymentsSeen(events);
  const since = seen.get(name);
  if (since !== undefined)
    return since <= atMs
      ? null
      : `at ${seconds(atMs)} there is no Deployment ${name} yet; it appears at ${seconds(since)}`;
  const names = [...seen.keys()].sort();
  return names.length === 0
    ? `there is no Deployment ${name} in this run; it has no Deployments`
    : `there is no Deployment ${name} in this run; its Deployments are ${list(names)}`;
}

function kubectlProblem(shape: FaultShape, fault: Extract<Fault, { kind: "kubectl" }>): string | null {
  const p = fault.params;
  if (p.command === "scale" || p.command === "rollout-restart")
    return shape.events === undefined ? null : deploymentProblem(shape.events, p.deployment, fault.atMs);
  const { topology } = shape;
  if (p.command !== "cordon" && p.command !== "uncordon" && p.command !== "drain") return null;
  const nodes = nodeNames(topology);
  return nodes.includes(p.node) ? null : `there is no node ${p.node} in this cluster; its nodes are ${list(nodes)}`;
}

function faultProblem(shape: FaultShape, fault: Fault): string | null {
  if (fault.atMs >= shape.durationMs)
    return `at ${seconds(fault.atMs)} the run is over: it lasts ${seconds(shape.durationMs)}`;
  const { topology } = shape;
  switch (fault.kind) {
    case "stop":
    case "crash":
    case "restart":
      return processProblem(topology, fault.target);
    case "power-off":
    case "power-on":
      return hostProblem(topology, fault.target);
    case "partition":
      return partitionProblem(topology, fault.groups);
    case "heal":
      return null;
    case "link":
      if (fault.targets[0] === fault.targets[1]) return "a link joins two different machines";
      return hostProblem(topology, fault.targets[0]) ?? hostProblem(topology, fault.targets[1]);
    case "kubectl":
      return kubectlProblem(shape, fault);
  }
}

/** Checks each fault against the cluster and the run's length. Pure. */
export function checkFaults(shape: FaultShape, faults: readonly Fault[]): FaultCheck {
  const errors: FaultError[] = [];
  faults.forEach((fault, index) => {
    const message = faultProblem(shape, fault);
    if (message !== null) errors.push({ index, message });
  });
  return errors.length === 0 ? { ok: true } : { ok: false, errors };
}
