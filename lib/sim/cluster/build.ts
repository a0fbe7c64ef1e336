// Builds the World for a cluster: hosts, processes with their flags, and the boot schedule. The
// default shape is kubeadm's: control-plane nodes run kube-apiserver, kube-controller-manager and
// kube-scheduler as static pods (plus an etcd member when etcd is "stacked"); "external" etcd runs on
// its own hosts; workers run a kubelet and containerd; an HAProxy-style load balancer fronts several
// API servers.
import type { ApiServerConfig } from "../apiserver/state";
import { createNet } from "../core/network";
import { seedRng } from "../core/rng";
import type { Host, Ms, Proc, ProcId, SimEvent, World } from "../core/types";
import type { EtcdConfig } from "../etcd/member-types";
import type { ContainerdConfig } from "../components/containerd";
import type { KcmConfig } from "../components/controller-manager/types";
import type { SchedulerConfig } from "../components/kube-scheduler/kube-scheduler";
import type { KubectlConfig } from "../components/kubectl";
import type { KubeletConfig } from "../components/kubelet/types";
import type { LbConfig } from "../components/load-balancer";
import type { WebClientConfig } from "../components/web-client";
import { DEFAULT_TUNING, type Tuning } from "./defaults";
import { RBAC_POLICY, tokensFor } from "./policy";
import { kubeletTiming } from "./timing";
import type { KubeProxyConfig } from "../components/kube-proxy/kube-proxy";
import type { ProxyMode } from "../kube-proxy/rules";
import type { ResourceList, Taint } from "../objects/types";

/** Per-worker overrides (index i is node-(i+1)); absent fields keep the defaults. */
export type WorkerSpec = {
  labels?: Record<string, string>;
  taints?: Taint[];
  allocatable?: ResourceList & { pods: number };
  /** Runs a kube-proxy in this mode on the node (none when absent). */
  kubeProxy?: ProxyMode | "userspace";
};

export type ClusterSpec = {
  etcdMembers: number;
  etcdTopology: "stacked" | "external";
  controlPlanes: number;
  workers: number;
  zones: number;
  /** An app (label app=web) whose users send traffic to its pods. */
  webTraffic: boolean;
  tuning: Tuning;
  workerSpecs?: WorkerSpec[];
  /** kube-apiserver traces each stage of the handler chain for user requests (the request-flow scenario). */
  traceRequestFlow?: boolean;
};

export const DEFAULT_SPEC: ClusterSpec = { etcdMembers: 3, etcdTopology: "stacked", controlPlanes: 3, workers: 2, zones: 1, webTraffic: true, tuning: DEFAULT_TUNING };

export type Built = { world: World; boot: { at: Ms; ev: SimEvent }[] };

function proc(id: ProcId, kind: string, host: string, supervisor: ProcId | null, config: unknown): Proc {
  return { id, kind, host, up: false, disabled: false, incarnation: 0, startedAt: 0, supervisor, config, state: null, persisted: undefined };
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

/** What the per-role builders share while laying out one cluster. */
type Layout = {
  spec: ClusterSpec;
  t: Tuning;
  procs: Record<ProcId, Proc>;
  hosts: Record<string, Host>;
  peers: Record<number, ProcId>;
  tokens: ReturnType<typeof tokensFor>;
  /** Where workers, kubectl and other outside clients send API requests: the LB when there is one. */
  apiEndpoint: ProcId;
  runtimes: Record<string, ProcId>;
};

function add(l: Layout, p: Proc, zone = "zone-a"): void {
  l.procs[p.id] = p;
  l.hosts[p.host] ??= { up: true, zone };
}

function addEtcd(l: Layout): void {
  const t = l.t;
  const stacked = l.spec.etcdTopology === "stacked";
  const timing = { heartbeatMs: t.etcdHeartbeatMs, electionMs: t.etcdElectionMs, requestTimeoutMs: t.etcdRequestTimeoutMs, noLeaderChecks: t.etcdNoLeaderChecks, readIndexRetryMs: t.etcdReadIndexRetryMs, preVote: true, checkQuorum: true, fastPaths: true };
  for (const i of range(l.spec.etcdMembers)) {
    const cfg: EtcdConfig = { id: i, peers: l.peers, timing };
    add(l, proc(`etcd-${i}`, "etcd", stacked ? `cp-${i}` : `etcd-${i}`, stacked ? `kubelet/cp-${i}` : null, cfg));
  }
}

function apiServerConfig(l: Layout, i: number): ApiServerConfig {
  const t = l.t;
  const endpoints = l.spec.etcdTopology === "stacked" ? [`etcd-${i}`] : Object.values(l.peers);
  return {
    etcd: { endpoints, retryMs: t.etcdClientRetryMs, maxRetries: t.etcdClientMaxRetries, reconnectBaseMs: t.grpcReconnectBaseMs, reconnectMaxMs: t.grpcReconnectMaxMs },
    tokens: l.tokens,
    rbac: RBAC_POLICY,
    admission: { defaultTolerationSeconds: t.defaultTolerationMs / 1000, namespaces: ["default", "kube-node-lease", "kube-system"] },
    requestTimeoutMs: t.apiRequestTimeoutMs,
    etcdHealthTimeoutMs: t.apiEtcdHealthTimeoutMs,
    cacheFreshnessMs: t.apiCacheFreshnessMs,
    reflectorBackoffMs: t.reflectorBackoffMs,
    reflectorBackoffMaxMs: t.reflectorBackoffMaxMs,
    startupMs: 2000,
    traceRequestFlow: l.spec.traceRequestFlow === true,
  };
}

/** A kubeadm control-plane node: static pods for kube-apiserver, the controllers (and stacked etcd). */
function addControlPlane(l: Layout, i: number): void {
  const t = l.t;
  const host = `cp-${i}`;
  const kubeletId = `kubelet/${host}`;
  // kubeadm points the controllers (and, since ControlPlaneKubeletLocalMode, the kubelet) at the local API server.
  const local = (token: string) => ({ server: `kube-apiserver-${i}`, token });
  const elector = (name: string) => ({ namespace: "kube-system", name, leaseDurationMs: t.leaseDurationMs, renewDeadlineMs: t.renewDeadlineMs, retryPeriodMs: t.retryPeriodMs });
  add(l, proc(`kube-apiserver-${i}`, "kube-apiserver", host, kubeletId, apiServerConfig(l, i)));
  const kcm: KcmConfig = {
    api: local("kcm-token"),
    elector: elector("kube-controller-manager"),
    nodeMonitorPeriodMs: t.nodeMonitorPeriodMs,
    nodeMonitorGraceMs: t.nodeMonitorGraceMs,
    evictionIntervalMs: t.nodeEvictionIntervalMs,
    unhealthyZoneThreshold: 0.55,
    largeClusterSize: 50,
  };
  add(l, proc(`kube-controller-manager-${i}`, "kube-controller-manager", host, kubeletId, kcm));
  const sched: SchedulerConfig = { api: local("scheduler-token"), elector: elector("kube-scheduler"), backoffMs: t.schedulerBackoffMs, backoffMaxMs: t.schedulerBackoffMaxMs };
  add(l, proc(`kube-scheduler-${i}`, "kube-scheduler", host, kubeletId, sched));
  const k: KubeletConfig = {
    node: host,
    zone: "zone-a",
    api: local(`kubelet-${host}-token`),
    runtime: null,
    staticPods: [...(l.spec.etcdTopology === "stacked" ? [`etcd-${i}`] : []), `kube-apiserver-${i}`, `kube-controller-manager-${i}`, `kube-scheduler-${i}`],
    probeTarget: `kube-apiserver-${i}`,
    allocatable: { cpuMilli: 2000, memoryMi: 4096, pods: 110 },
    registerTaints: [{ key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule", timeAdded: null }],
    labels: { "node-role.kubernetes.io/control-plane": "" },
    podCidr: i,
    timing: kubeletTiming(t),
  };
  add(l, proc(kubeletId, "kubelet", host, null, k));
}

function addWorker(l: Layout, i: number): void {
  const node = `node-${i + 1}`;
  const zone = `zone-${String.fromCharCode(97 + (i % l.spec.zones))}`;
  const w = l.spec.workerSpecs?.[i] ?? {};
  l.runtimes[node] = `containerd/${node}`;
  if (w.kubeProxy !== undefined) {
    const kp: KubeProxyConfig = { api: { server: l.apiEndpoint, token: "kube-proxy-token" }, node, mode: w.kubeProxy, minSyncMs: 1000 };
    add(l, proc(`kube-proxy/${node}`, "kube-proxy", node, null, kp), zone);
  }
  const k: KubeletConfig = {
    node,
    zone,
    api: { server: l.apiEndpoint, token: `kubelet-${node}-token` },
    runtime: `containerd/${node}`,
    staticPods: [],
    probeTarget: null,
    allocatable: w.allocatable ?? { cpuMilli: 2000, memoryMi: 4096, pods: 110 },
    registerTaints: w.taints ?? [],
    labels: w.labels ?? {},
    podCidr: 100 + i + 1,
    timing: kubeletTiming(l.t),
  };
  add(l, proc(`kubelet/${node}`, "kubelet", node, null, k), zone);
  const t = l.t;
  const c: ContainerdConfig = { kubelet: `kubelet/${node}`, sandboxMs: t.sandboxMs, pullMs: t.imagePullMs, digestCheckMs: t.imageDigestCheckMs, startMs: t.containerStartMs, preloadedImages: [], crashingImages: t.crashingImages };
  add(l, proc(`containerd/${node}`, "containerd", node, null, c), zone);
}

/** The load balancer (with several API servers), kubectl, and the app's users. */
function addClients(l: Layout): void {
  const t = l.t;
  if (l.apiEndpoint === "lb") {
    const cfg: LbConfig = { backends: range(l.spec.controlPlanes).map((i) => `kube-apiserver-${i}`), checkIntervalMs: t.lbCheckIntervalMs, downIntervalMs: 5000, checkTimeoutMs: 5000, fall: t.lbFall, rise: t.lbRise };
    add(l, proc("lb", "load-balancer", "lb", null, cfg));
  }
  const kubectlCfg: KubectlConfig = { server: l.apiEndpoint, tokens: { admin: "admin-token", jane: "jane-token" } };
  add(l, proc("kubectl", "kubectl", "laptop", null, kubectlCfg));
  if (l.spec.webTraffic) {
    const web: WebClientConfig = { api: { server: l.apiEndpoint, token: "web-token" }, app: "web", periodMs: 10_000, runtimes: l.runtimes };
    add(l, proc("web-client", "web-client", "users", null, web));
  }
}

/** The World for `spec` and its boot schedule. Pure. */
export function buildCluster(spec: ClusterSpec, seed: number): Built {
  if (spec.etcdTopology === "stacked" && spec.etcdMembers !== spec.controlPlanes) throw new RangeError("stacked etcd needs one member per control-plane node");
  const nodeNames = [...range(spec.controlPlanes).map((i) => `cp-${i}`), ...range(spec.workers).map((i) => `node-${i}`)];
  const l: Layout = {
    spec,
    t: spec.tuning,
    procs: {},
    hosts: {},
    peers: Object.fromEntries(range(spec.etcdMembers).map((i) => [i, `etcd-${i}`])),
    tokens: tokensFor(nodeNames),
    apiEndpoint: spec.controlPlanes > 1 ? "lb" : "kube-apiserver-1",
    runtimes: {},
  };
  addEtcd(l);
  for (const i of range(spec.controlPlanes)) addControlPlane(l, i);
  for (let i = 0; i < spec.workers; i++) addWorker(l, i);
  addClients(l);
  const world: World = { now: 0, rng: seedRng(seed), procs: l.procs, hosts: l.hosts, net: createNet(spec.tuning.networkLatencyMs), nextId: 1 };
  return { world, boot: bootSchedule(world) };
}

/** Every unsupervised process starts in the first 200 ms, in a stable order with small offsets. */
function bootSchedule(world: World): { at: Ms; ev: SimEvent }[] {
  const ids = Object.keys(world.procs).filter((id) => world.procs[id]!.supervisor === null).sort();
  return ids.map((id, i) => ({ at: Math.floor((i * 200) / Math.max(1, ids.length)), ev: { kind: "action", action: { type: "start", target: id } } }));
}
