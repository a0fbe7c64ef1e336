// The control plane of a kubeadm cluster: etcd members (stacked on the control-plane nodes or on
// hosts of their own), and per control-plane node the static pods kube-apiserver,
// kube-controller-manager and kube-scheduler under that node's kubelet.
import type { ApiServerConfig } from "../apiserver/state";
import type { EtcdConfig } from "../etcd/member-types";
import type { KcmConfig } from "../cluster-components/controller-manager/types";
import type { SchedulerConfig } from "../cluster-components/kube-scheduler/kube-scheduler";
import type { KubeletConfig } from "../cluster-components/kubelet/types";
import type { KubeadmConfig } from "../cluster-components/kubeadm";
import { add, proc, range, type Layout } from "./layout";
import type { Credential } from "../apiserver/authn";
import { AUTHN, CREDENTIALS, kubeletCredential, RBAC_POLICY } from "./policy";
import { kubeletTiming } from "./timing";
import { API_SERVER_VERSION } from "./version-skew";
import { servedResources } from "../objects/resources";

export function addEtcd(l: Layout): void {
  const t = l.t;
  const stacked = l.spec.etcdTopology === "stacked";
  const timing = {
    heartbeatMs: t.etcdHeartbeatMs,
    electionMs: t.etcdElectionMs,
    requestTimeoutMs: t.etcdRequestTimeoutMs,
    noLeaderChecks: t.etcdNoLeaderChecks,
    readIndexRetryMs: t.etcdReadIndexRetryMs,
    preVote: true,
    checkQuorum: true,
    fastPaths: true,
  };
  for (const i of range(l.spec.etcdMembers)) {
    const cfg: EtcdConfig = { id: i, peers: l.peers, timing };
    add(l, proc(`etcd-${i}`, "etcd", stacked ? `cp-${i}` : `etcd-${i}`, stacked ? `kubelet/cp-${i}` : null, cfg));
  }
}

function apiServerConfig(l: Layout, i: number): ApiServerConfig {
  const t = l.t;
  const endpoints = l.spec.etcdTopology === "stacked" ? [`etcd-${i}`] : Object.values(l.peers);
  return {
    etcd: {
      endpoints,
      retryMs: t.etcdClientRetryMs,
      maxRetries: t.etcdClientMaxRetries,
      reconnectBaseMs: t.grpcReconnectBaseMs,
      reconnectMaxMs: t.grpcReconnectMaxMs,
    },
    authn: AUTHN,
    rbac: RBAC_POLICY,
    admission: {
      defaultTolerationSeconds: t.defaultTolerationMs / 1000,
      namespaces: ["default", "kube-node-lease", "kube-system", ...clientNamespaces(l)],
      ...(l.spec.namespacePolicy === undefined ? {} : { policy: l.spec.namespacePolicy }),
    },
    requestTimeoutMs: t.apiRequestTimeoutMs,
    etcdHealthTimeoutMs: t.apiEtcdHealthTimeoutMs,
    cacheFreshnessMs: t.apiCacheFreshnessMs,
    reflectorBackoffMs: t.reflectorBackoffMs,
    reflectorBackoffMaxMs: t.reflectorBackoffMaxMs,
    startupMs: 2000,
    traceRequestFlow: l.spec.traceRequestFlow === true,
    ...(l.spec.policyApi === true ? { policyApi: true } : {}),
    ...(l.spec.traceWatchExpiry === true ? { traceWatchExpiry: true } : {}),
    resources: servedResources(l.spec),
    ...(l.spec.operator === undefined ? {} : { enableGarbageCollector: true }),
  };
}

/**
 * Namespaces the network scenario's client pods live in besides default (created before the run, as
 * `kubectl create namespace` would).
 */
function clientNamespaces(l: Layout): string[] {
  return [...new Set((l.spec.networkPolicy?.clients ?? []).map((c) => c.namespace))]
    .filter((n) => n !== "default")
    .sort();
}

/** A kubeadm control-plane node: static pods for kube-apiserver, the controllers (and stacked etcd). */
export function addControlPlane(l: Layout, i: number): void {
  const t = l.t;
  const host = `cp-${i}`;
  const kubeletId = `kubelet/${host}`;
  // kubeadm points the controllers (and, since ControlPlaneKubeletLocalMode, the kubelet) at the local API server.
  const local = (credential: Credential) => ({ server: `kube-apiserver-${i}`, credential });
  const elector = (name: string) => ({
    namespace: "kube-system",
    name,
    leaseDurationMs: t.leaseDurationMs,
    renewDeadlineMs: t.renewDeadlineMs,
    retryPeriodMs: t.retryPeriodMs,
  });
  add(l, proc(`kube-apiserver-${i}`, "kube-apiserver", host, kubeletId, apiServerConfig(l, i)));
  const kcm: KcmConfig = {
    api: local(CREDENTIALS.controllerManager),
    elector: elector("kube-controller-manager"),
    nodeMonitorPeriodMs: t.nodeMonitorPeriodMs,
    nodeMonitorGraceMs: t.nodeMonitorGraceMs,
    evictionIntervalMs: t.nodeEvictionIntervalMs,
    unhealthyZoneThreshold: 0.55,
    largeClusterSize: 50,
    ...(l.spec.policyApi === true ? { disruption: true } : {}),
    batch: l.spec.batchApi === true,
    ...(l.spec.operator === undefined ? {} : { garbageCollector: true }),
    ...(l.spec.autoscaling === undefined
      ? {}
      : {
          hpa: {
            syncPeriodMs: t.hpaSyncPeriodMs,
            metricsServer: "metrics-server",
            downscaleStabilizationMs: t.hpaDownscaleStabilizationMs,
            tolerance: t.hpaTolerance,
          },
        }),
  };
  add(l, proc(`kube-controller-manager-${i}`, "kube-controller-manager", host, kubeletId, kcm));
  const sched: SchedulerConfig = {
    api: local(CREDENTIALS.scheduler),
    elector: elector("kube-scheduler"),
    backoffMs: t.schedulerBackoffMs,
    backoffMaxMs: t.schedulerBackoffMaxMs,
    ...(l.spec.clusterAutoscaler === undefined ? {} : { recordUnschedulable: true }),
  };
  add(l, proc(`kube-scheduler-${i}`, "kube-scheduler", host, kubeletId, sched));
  const k: KubeletConfig = {
    node: host,
    zone: "zone-a",
    api: local(kubeletCredential(host)),
    runtime: null,
    staticPods: [
      ...(l.spec.etcdTopology === "stacked" ? [`etcd-${i}`] : []),
      `kube-apiserver-${i}`,
      `kube-controller-manager-${i}`,
      `kube-scheduler-${i}`,
    ],
    probeTarget: `kube-apiserver-${i}`,
    allocatable: { cpuMilli: 2000, memoryMi: 4096, pods: 110 },
    registerTaints: [{ key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule", timeAdded: null }],
    // No node-role label: NodeRestriction forbids a kubelet to set it (kubeadm's mark-control-plane
    // phase adds it with admin.conf, which is not modelled); the taint comes with registration.
    labels: {},
    podCidr: i,
    timing: kubeletTiming(t),
    ...(l.spec.kubeletVersion === undefined ? {} : { version: l.spec.kubeadm?.clusterVersion ?? API_SERVER_VERSION }),
  };
  add(l, proc(kubeletId, "kubelet", host, null, k));
  if (l.spec.kubeadm !== undefined) {
    const cfg: KubeadmConfig = {
      node: host,
      kubelet: kubeletId,
      staticPods: k.staticPods,
      apiServer: `kube-apiserver-${i}`,
      clusterVersion: l.spec.kubeadm.clusterVersion,
      version: API_SERVER_VERSION,
      pollMs: 500,
    };
    add(l, proc(`kubeadm/${host}`, "kubeadm", host, null, cfg));
  }
}
