// Builds the World for a cluster: hosts, processes with their flags, and the boot schedule. The
// default shape is kubeadm's: control-plane nodes run kube-apiserver, kube-controller-manager and
// kube-scheduler as static pods (plus an etcd member when etcd is "stacked"); "external" etcd runs on
// its own hosts; workers run a kubelet and containerd; an HAProxy-style load balancer fronts several
// API servers. The per-role builders are in build-control-plane.ts and build-workers.ts.
// A world is run by the component handlers the registry installs into the engine core.
import "../cluster-components/registry";
import { createNet } from "../core/network";
import { seedRng } from "../core/rng";
import type { Ms, SimEvent, World } from "../core/types";
import type { EtcdctlConfig } from "../cluster-components/etcdctl";
import type { KubectlConfig } from "../cluster-components/kubectl";
import type { LbConfig } from "../cluster-components/load-balancer";
import type { WebClientConfig } from "../cluster-components/web-client";
import type { LoadGeneratorConfig } from "../cluster-components/load-generator";
import type { MetricsServerConfig } from "../cluster-components/metrics-server/metrics-server";
import type { CniAgentConfig } from "../cluster-components/cni/cni-agent";
import type { CoreDnsConfig } from "../cluster-components/cni/coredns";
import type { NetClientConfig } from "../cluster-components/cni/net-client";
import type { ClusterAutoscalerConfig } from "../cluster-components/cluster-autoscaler/ca-state";
import type { CloudProviderConfig } from "../cluster-components/cluster-autoscaler/cloud-provider";
import type { OperatorConfig } from "../cluster-components/operator/operator";
import { CLUSTER_DOMAIN } from "../cluster-components/controller-manager/endpointslice";
import { addControlPlane, addEtcd } from "./build-control-plane";
import { addWorker } from "./build-workers";
import { add, proc, range, type Layout } from "./layout";
import { CREDENTIALS } from "./policy";
import { DEFAULT_ALLOCATABLE, type ClusterSpec } from "./spec";

type Built = { world: World; boot: { at: Ms; ev: SimEvent }[] };

/** The load balancer (with several API servers), kubectl, and the app's users. */
function addClients(l: Layout): void {
  const t = l.t;
  if (l.apiEndpoint === "lb") {
    const cfg: LbConfig = {
      backends: range(l.spec.controlPlanes).map((i) => `kube-apiserver-${i}`),
      checkIntervalMs: t.lbCheckIntervalMs,
      checkTimeoutMs: 5000,
      fall: t.lbFall,
      rise: t.lbRise,
    };
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
    const web: WebClientConfig = {
      api: { server: l.apiEndpoint, credential: CREDENTIALS.web },
      app: "web",
      periodMs: 10_000,
      runtimes: l.runtimes,
    };
    add(l, proc("web-client", "web-client", "users", null, web));
  }
  if (l.spec.operator !== undefined) {
    // The operator runs as a Deployment of one replica in kube-system; its pod sits on the first worker.
    const t = l.t;
    const op: OperatorConfig = {
      api: { server: l.apiEndpoint, credential: CREDENTIALS.operator },
      elector: {
        namespace: "kube-system",
        name: "webapp-operator",
        leaseDurationMs: t.leaseDurationMs,
        renewDeadlineMs: t.renewDeadlineMs,
        retryPeriodMs: t.retryPeriodMs,
      },
      cleanupMs: l.spec.operator.cleanupMs,
    };
    add(l, proc("webapp-operator", "webapp-operator", "node-1", null, op));
  }
  const auto = l.spec.autoscaling;
  if (auto !== undefined) {
    // metrics-server runs as a Deployment in kube-system; its one pod sits on the first worker.
    const ms: MetricsServerConfig = {
      kubelets: Object.keys(l.runtimes)
        .sort()
        .map((n) => `kubelet/${n}`),
      resolutionMs: l.t.metricResolutionMs,
    };
    add(l, proc("metrics-server", "metrics-server", "node-1", null, ms));
    const lg: LoadGeneratorConfig = {
      api: { server: l.apiEndpoint, credential: CREDENTIALS.web },
      app: "web",
      runtimes: l.runtimes,
      steps: auto.loadSteps,
    };
    add(l, proc("load-generator", "load-generator", "users", null, lg));
  }
}

/** The kube-dns Service's ClusterIP (kubeadm: the 10th address of the service CIDR, the kubelets' --cluster-dns). */
export const CLUSTER_DNS = "10.96.0.10";
/** The CoreDNS pod (kube-system, k8s-app=kube-dns) on node-1, outside the range its kubelet hands out. */
const COREDNS_POD = {
  namespace: "kube-system",
  name: "coredns",
  labels: { "k8s-app": "kube-dns" },
  ip: "10.244.101.200",
};

/** A CNI policy agent on each worker, CoreDNS, and the client pods' processes (the network-policy scenario). */
function addPodNetwork(l: Layout): void {
  const np = l.spec.networkPolicy;
  if (np === undefined) return;
  const nodes = Object.keys(l.runtimes).sort();
  const agents = Object.fromEntries(nodes.map((n) => [n, `cni-agent/${n}`]));
  for (const n of nodes) {
    const cfg: CniAgentConfig = {
      api: { server: l.apiEndpoint, credential: CREDENTIALS.cniAgent },
      node: n,
      runtime: l.runtimes[n]!,
      agents,
      clusterDns: CLUSTER_DNS,
      coreDns: { proc: "coredns", pod: COREDNS_POD },
    };
    add(l, proc(`cni-agent/${n}`, "cni-agent", n, null, cfg));
  }
  const dns: CoreDnsConfig = {
    api: { server: l.apiEndpoint, credential: CREDENTIALS.coreDns },
    clusterDomain: CLUSTER_DOMAIN,
    upstream: np.upstream,
  };
  add(l, proc("coredns", "coredns", "node-1", null, dns));
  for (const c of np.clients) {
    const cfg: NetClientConfig = {
      api: { server: l.apiEndpoint, credential: CREDENTIALS.netClient },
      namespace: c.namespace,
      pod: c.pod,
      agents,
      clusterDns: CLUSTER_DNS,
      clusterDomain: CLUSTER_DOMAIN,
      connectTimeoutMs: 5000,
      dnsTimeoutMs: 5000,
      dnsAttempts: 2,
      actions: c.actions,
    };
    // The processes inside the client pods; they send through the CNI agent of whichever node their pod lands on.
    add(l, proc(`net-client/${c.namespace}/${c.pod}`, "net-client", "client-pods", null, cfg));
  }
}

/** The node group's spare machines (powered off), the cloud provider's API, and the cluster-autoscaler. */
function addAutoscaler(l: Layout): void {
  const ca = l.spec.clusterAutoscaler;
  if (ca === undefined) return;
  const workers = l.spec.workers;
  for (let i = workers; i < workers + ca.spare; i++) {
    addWorker(l, i);
    l.hosts[`node-${i + 1}`] = { ...l.hosts[`node-${i + 1}`]!, up: false };
  }
  const instances = Array.from({ length: workers + ca.spare }, (_, i) => `node-${i + 1}`);
  const cloud: CloudProviderConfig = {
    group: ca.group,
    instances,
    initial: workers,
    maxSize: ca.maxSize,
    provisioningMs: ca.provisioningMs,
  };
  add(l, proc("cloud", "cloud-provider", "cloud", null, cloud));
  const t = l.t;
  const cfg: ClusterAutoscalerConfig = {
    api: { server: l.apiEndpoint, credential: CREDENTIALS.clusterAutoscaler },
    cloud: "cloud",
    group: {
      name: ca.group,
      minSize: ca.minSize,
      maxSize: ca.maxSize,
      instances,
      initial: workers,
      template: DEFAULT_ALLOCATABLE,
    },
    scanIntervalMs: t.caScanIntervalMs,
    utilizationThreshold: t.caUtilizationThreshold,
    unneededMs: t.caUnneededMs,
    delayAfterAddMs: t.caDelayAfterAddMs,
    delayAfterDeleteMs: t.caScanIntervalMs,
  };
  add(l, proc("cluster-autoscaler", "cluster-autoscaler", "cp-1", null, cfg));
}

/** The World for `spec` and its boot schedule. Pure. */
export function buildCluster(spec: ClusterSpec, seed: number): Built {
  if (spec.etcdTopology === "stacked" && spec.etcdMembers !== spec.controlPlanes)
    throw new RangeError("stacked etcd needs one member per control-plane node");
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
  addPodNetwork(l);
  addAutoscaler(l);
  const world: World = {
    now: 0,
    rng: seedRng(seed),
    procs: l.procs,
    hosts: l.hosts,
    net: createNet(spec.tuning.networkLatencyMs),
    nextId: 1,
  };
  return { world, boot: bootSchedule(world) };
}

/** Every unsupervised process starts in the first 200 ms, in a stable order with small offsets. */
function bootSchedule(world: World): { at: Ms; ev: SimEvent }[] {
  const ids = Object.keys(world.procs)
    .filter((id) => world.procs[id]!.supervisor === null)
    .sort();
  return ids.map((id, i) => ({
    at: Math.floor((i * 200) / Math.max(1, ids.length)),
    ev: { kind: "action", action: { type: "start", target: id } },
  }));
}
