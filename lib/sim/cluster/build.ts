// Builds the World for a cluster: hosts, processes with their flags, and the boot schedule. The
// default shape is kubeadm's: control-plane nodes run kube-apiserver, kube-controller-manager and
// kube-scheduler as static pods (plus an etcd member when etcd is "stacked"); "external" etcd runs on
// its own hosts; workers run a kubelet and containerd; an HAProxy-style load balancer fronts several
// API servers. The per-role builders are in build-control-plane.ts and build-workers.ts.
import { createNet } from "../core/network";
import { seedRng } from "../core/rng";
import type { Ms, SimEvent, World } from "../core/types";
import type { EtcdctlConfig } from "../components/etcdctl";
import type { KubectlConfig } from "../components/kubectl";
import type { LbConfig } from "../components/load-balancer";
import type { WebClientConfig } from "../components/web-client";
import type { LoadGeneratorConfig } from "../components/load-generator";
import type { MetricsServerConfig } from "../components/metrics-server/metrics-server";
import type { OperatorConfig } from "../components/operator/operator";
import { addControlPlane, addEtcd } from "./build-control-plane";
import { addWorker } from "./build-workers";
import { add, proc, range, type Layout } from "./layout";
import { CREDENTIALS } from "./policy";
import type { ClusterSpec } from "./spec";

export type Built = { world: World; boot: { at: Ms; ev: SimEvent }[] };

/** The load balancer (with several API servers), kubectl, and the app's users. */
function addClients(l: Layout): void {
  const t = l.t;
  if (l.apiEndpoint === "lb") {
    const cfg: LbConfig = { backends: range(l.spec.controlPlanes).map((i) => `kube-apiserver-${i}`), checkIntervalMs: t.lbCheckIntervalMs, downIntervalMs: 5000, checkTimeoutMs: 5000, fall: t.lbFall, rise: t.lbRise };
    add(l, proc("lb", "load-balancer", "lb", null, cfg));
  }
  const kubeconfigs = { admin: CREDENTIALS.admin, "super-admin": CREDENTIALS.superAdmin, jane: CREDENTIALS.jane };
  const kubectlCfg: KubectlConfig = { server: l.apiEndpoint, kubeconfigs };
  add(l, proc("kubectl", "kubectl", "laptop", null, kubectlCfg));
  if (l.spec.etcdctl === true) {
    const etcdctlCfg: EtcdctlConfig = { path: "/var/backups/etcd-snapshot.db", commandTimeoutMs: 5000 };
    add(l, proc("etcdctl", "etcdctl", "laptop", null, etcdctlCfg));
  }
  if (l.spec.webTraffic) {
    const web: WebClientConfig = { api: { server: l.apiEndpoint, credential: CREDENTIALS.web }, app: "web", periodMs: 10_000, runtimes: l.runtimes };
    add(l, proc("web-client", "web-client", "users", null, web));
  }
  if (l.spec.operator !== undefined) {
    // The operator runs as a Deployment of one replica in kube-system; its pod sits on the first worker.
    const t = l.t;
    const op: OperatorConfig = {
      api: { server: l.apiEndpoint, credential: CREDENTIALS.operator },
      elector: { namespace: "kube-system", name: "webapp-operator", leaseDurationMs: t.leaseDurationMs, renewDeadlineMs: t.renewDeadlineMs, retryPeriodMs: t.retryPeriodMs },
      cleanupMs: l.spec.operator.cleanupMs,
    };
    add(l, proc("webapp-operator", "webapp-operator", "node-1", null, op));
  }
  const auto = l.spec.autoscaling;
  if (auto !== undefined) {
    // metrics-server runs as a Deployment in kube-system; its one pod sits on the first worker.
    const ms: MetricsServerConfig = { kubelets: Object.keys(l.runtimes).sort().map((n) => `kubelet/${n}`), resolutionMs: l.t.metricResolutionMs };
    add(l, proc("metrics-server", "metrics-server", "node-1", null, ms));
    const lg: LoadGeneratorConfig = { api: { server: l.apiEndpoint, credential: CREDENTIALS.web }, app: "web", runtimes: l.runtimes, steps: auto.loadSteps };
    add(l, proc("load-generator", "load-generator", "users", null, lg));
  }
}

/** The World for `spec` and its boot schedule. Pure. */
export function buildCluster(spec: ClusterSpec, seed: number): Built {
  if (spec.etcdTopology === "stacked" && spec.etcdMembers !== spec.controlPlanes) throw new RangeError("stacked etcd needs one member per control-plane node");
  const l: Layout = {
    spec,
    t: spec.tuning,
    procs: {},
    hosts: {},
    peers: Object.fromEntries(range(spec.etcdMembers).map((i) => [i, `etcd-${i}`])),
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
