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

export type ClusterSpec = {
  etcdMembers: number;
  etcdTopology: "stacked" | "external";
  controlPlanes: number;
  workers: number;
  zones: number;
  /** An app (label app=web) whose users send traffic to its pods. */
  webTraffic: boolean;
  tuning: Tuning;
};

export const DEFAULT_SPEC: ClusterSpec = { etcdMembers: 3, etcdTopology: "stacked", controlPlanes: 3, workers: 2, zones: 1, webTraffic: true, tuning: DEFAULT_TUNING };

export type Built = { world: World; boot: { at: Ms; ev: SimEvent }[] };

function proc(id: ProcId, kind: string, host: string, supervisor: ProcId | null, config: unknown): Proc {
  return { id, kind, host, up: false, disabled: false, incarnation: 0, startedAt: 0, supervisor, config, state: null, persisted: undefined };
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

export function buildCluster(spec: ClusterSpec, seed: number): Built {
  const t = spec.tuning;
  const stacked = spec.etcdTopology === "stacked";
  if (stacked && spec.etcdMembers !== spec.controlPlanes) throw new RangeError("stacked etcd needs one member per control-plane node");
  const procs: Record<ProcId, Proc> = {};
  const hosts: Record<string, Host> = {};
  const add = (p: Proc) => {
    procs[p.id] = p;
    hosts[p.host] ??= { up: true, zone: "zone-a" };
  };
  const lb = spec.controlPlanes > 1;
  const apiEndpoint = lb ? "lb" : "kube-apiserver-1";
  const workerNames = range(spec.workers).map((i) => `node-${i}`);
  const nodeNames = [...range(spec.controlPlanes).map((i) => `cp-${i}`), ...workerNames];
  const tokens = tokensFor(nodeNames);
  const peers: Record<number, ProcId> = Object.fromEntries(range(spec.etcdMembers).map((i) => [i, `etcd-${i}`]));
  const etcdTiming = { heartbeatMs: t.etcdHeartbeatMs, electionMs: t.etcdElectionMs, requestTimeoutMs: t.etcdRequestTimeoutMs, noLeaderChecks: t.etcdNoLeaderChecks, readIndexRetryMs: t.etcdReadIndexRetryMs, preVote: true, checkQuorum: true, fastPaths: true };
  for (const i of range(spec.etcdMembers)) {
    const cfg: EtcdConfig = { id: i, peers, timing: etcdTiming };
    add(proc(`etcd-${i}`, "etcd", stacked ? `cp-${i}` : `etcd-${i}`, stacked ? `kubelet/cp-${i}` : null, cfg));
  }
  const elector = (name: string) => ({ namespace: "kube-system", name, leaseDurationMs: t.leaseDurationMs, renewDeadlineMs: t.renewDeadlineMs, retryPeriodMs: t.retryPeriodMs });
  for (const i of range(spec.controlPlanes)) {
    const host = `cp-${i}`;
    const kubeletId = `kubelet/${host}`;
    const api: ApiServerConfig = {
      etcd: { endpoints: stacked ? [`etcd-${i}`] : Object.values(peers), retryMs: t.etcdClientRetryMs, maxRetries: t.etcdClientMaxRetries, reconnectBaseMs: t.grpcReconnectBaseMs, reconnectMaxMs: t.grpcReconnectMaxMs },
      tokens,
      rbac: RBAC_POLICY,
      admission: { defaultTolerationSeconds: t.defaultTolerationMs / 1000, namespaces: ["default", "kube-node-lease", "kube-system"] },
      requestTimeoutMs: t.apiRequestTimeoutMs,
      etcdHealthTimeoutMs: t.apiEtcdHealthTimeoutMs,
      cacheFreshnessMs: t.apiCacheFreshnessMs,
      reflectorBackoffMs: t.reflectorBackoffMs,
      reflectorBackoffMaxMs: t.reflectorBackoffMaxMs,
      startupMs: 2000,
    };
    const local = { server: `kube-apiserver-${i}`, token: "" };
    add(proc(`kube-apiserver-${i}`, "kube-apiserver", host, kubeletId, api));
    const kcm: KcmConfig = {
      api: { ...local, token: "kcm-token" },
      elector: elector("kube-controller-manager"),
      nodeMonitorPeriodMs: t.nodeMonitorPeriodMs,
      nodeMonitorGraceMs: t.nodeMonitorGraceMs,
      evictionIntervalMs: t.nodeEvictionIntervalMs,
      unhealthyZoneThreshold: 0.55,
      largeClusterSize: 50,
    };
    add(proc(`kube-controller-manager-${i}`, "kube-controller-manager", host, kubeletId, kcm));
    const sched: SchedulerConfig = { api: { ...local, token: "scheduler-token" }, elector: elector("kube-scheduler"), backoffMs: t.schedulerBackoffMs, backoffMaxMs: t.schedulerBackoffMaxMs };
    add(proc(`kube-scheduler-${i}`, "kube-scheduler", host, kubeletId, sched));
    const statics = [...(stacked ? [`etcd-${i}`] : []), `kube-apiserver-${i}`, `kube-controller-manager-${i}`, `kube-scheduler-${i}`];
    const k: KubeletConfig = {
      node: host,
      zone: "zone-a",
      api: { ...local, token: `kubelet-${host}-token` },
      runtime: null,
      staticPods: statics,
      probeTarget: `kube-apiserver-${i}`,
      allocatable: { cpuMilli: 2000, memoryMi: 4096, pods: 110 },
      registerTaints: [{ key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule", timeAdded: null }],
      podCidr: i,
      timing: kubeletTiming(t),
    };
    add(proc(kubeletId, "kubelet", host, null, k));
  }
  const runtimes: Record<string, ProcId> = {};
  for (const [i, node] of workerNames.entries()) {
    const zone = `zone-${String.fromCharCode(97 + (i % spec.zones))}`;
    runtimes[node] = `containerd/${node}`;
    const k: KubeletConfig = {
      node,
      zone,
      api: { server: apiEndpoint, token: `kubelet-${node}-token` },
      runtime: `containerd/${node}`,
      staticPods: [],
      probeTarget: null,
      allocatable: { cpuMilli: 2000, memoryMi: 4096, pods: 110 },
      registerTaints: [],
      podCidr: 100 + i + 1,
      timing: kubeletTiming(t),
    };
    add(proc(`kubelet/${node}`, "kubelet", node, null, k));
    const c: ContainerdConfig = { kubelet: `kubelet/${node}`, startMinMs: t.containerStartMinMs, startMaxMs: t.containerStartMaxMs };
    add(proc(`containerd/${node}`, "containerd", node, null, c));
    hosts[node] = { up: true, zone };
  }
  if (lb) {
    const cfg: LbConfig = { backends: range(spec.controlPlanes).map((i) => `kube-apiserver-${i}`), checkIntervalMs: t.lbCheckIntervalMs, downIntervalMs: 5000, checkTimeoutMs: 5000, fall: t.lbFall, rise: t.lbRise };
    add(proc("lb", "load-balancer", "lb", null, cfg));
  }
  const kubectlCfg: KubectlConfig = { server: apiEndpoint, tokens: { admin: "admin-token", jane: "jane-token" } };
  add(proc("kubectl", "kubectl", "laptop", null, kubectlCfg));
  if (spec.webTraffic) {
    const web: WebClientConfig = { api: { server: apiEndpoint, token: "web-token" }, app: "web", periodMs: 10_000, runtimes };
    add(proc("web-client", "web-client", "users", null, web));
  }
  const world: World = { now: 0, rng: seedRng(seed), procs, hosts, net: createNet(t.networkLatencyMs), nextId: 1 };
  return { world, boot: bootSchedule(world) };
}

/** Every unsupervised process starts in the first 200 ms, in a stable order with small offsets. */
function bootSchedule(world: World): { at: Ms; ev: SimEvent }[] {
  const ids = Object.keys(world.procs).filter((id) => world.procs[id]!.supervisor === null).sort();
  return ids.map((id, i) => ({ at: Math.floor((i * 200) / Math.max(1, ids.length)), ev: { kind: "action", action: { type: "start", target: id } } }));
}
