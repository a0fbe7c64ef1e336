// Real defaults of etcd and Kubernetes, in milliseconds, with their sources (see
// ../shared/research/k8s-facts.md; section numbers below refer to it). Scenarios override single
// values through their params; nothing else in the engine hard-codes these numbers.
import type { ContainerdTiming } from "../cluster-components/containerd";

export type Tuning = {
  /** etcd --heartbeat-interval = one Raft tick (§1.2). */
  etcdHeartbeatMs: number;
  /** etcd --election-timeout; randomized in [1x, 2x - 1 tick] by raft (§1.2). */
  etcdElectionMs: number;
  /** etcd ReqTimeout() = 5 s + 2 x election timeout (§1.2, server/config/config.go). */
  etcdRequestTimeoutMs: number;
  /** etcd cancels require-leader watch streams after this many leaderless election timeouts (§1.4). */
  etcdNoLeaderChecks: number;
  /** etcd linearizableReadLoop resends a ReadIndex every readIndexRetryTime (v3_server.go). */
  etcdReadIndexRetryMs: number;
  /** clientv3: unary retry backoff (25 ms, ±10% jitter) and at most 100 retries of reads (options.go). */
  etcdClientRetryMs: number;
  etcdClientMaxRetries: number;
  /** grpc-go reconnect back-off: 1 s base, x1.6, ±20% jitter, 120 s cap (backoff.DefaultConfig). */
  grpcReconnectBaseMs: number;
  grpcReconnectMaxMs: number;
  /** kube-apiserver --request-timeout for non-long-running requests (§2.2). */
  apiRequestTimeoutMs: number;
  /** --etcd-healthcheck-timeout (§2.4). */
  apiEtcdHealthTimeoutMs: number;
  /** Consistent reads wait this long for the watch cache to catch up before going to etcd (§2.1). */
  apiCacheFreshnessMs: number;
  /** client-go reflector back-off between failed list/watch attempts (800 ms doubling to 30 s). */
  reflectorBackoffMs: number;
  reflectorBackoffMaxMs: number;
  /** kubeadm static-pod probes for kube-apiserver (§2.4): liveness 10 s x 8, startup 10 s x 24. */
  livenessPeriodMs: number;
  livenessFailureThreshold: number;
  startupFailureThreshold: number;
  probeInitialDelayMs: number;
  /** CrashLoopBackOff: 10 s doubling, capped at 300 s, reset after 10 min running (§10.7). */
  crashLoopBaseMs: number;
  crashLoopMaxMs: number;
  crashLoopResetMs: number;
  /** Leader election for kube-controller-manager and kube-scheduler: 15 s / 10 s / 2 s (§3.1). */
  leaseDurationMs: number;
  renewDeadlineMs: number;
  retryPeriodMs: number;
  /** kubelet node Lease: renewed every 10 s (25% of 40 s), failures retried 200 ms .. 7 s (§4.1). */
  nodeLeaseRenewMs: number;
  nodeLeaseDurationMs: number;
  nodeLeaseRetryBaseMs: number;
  nodeLeaseRetryMaxMs: number;
  /** nodeStatusUpdateFrequency 10 s; nodeStatusReportFrequency 5 min (§4.1). */
  nodeStatusUpdateMs: number;
  nodeStatusReportMs: number;
  /** Node lifecycle controller: --node-monitor-period 5 s, --node-monitor-grace-period 50 s (§4.2). */
  nodeMonitorPeriodMs: number;
  nodeMonitorGraceMs: number;
  /** --node-eviction-rate 0.1/s: at most one node tainted NoExecute per 10 s per zone (§4.2). */
  nodeEvictionIntervalMs: number;
  /** DefaultTolerationSeconds admission: 300 s for not-ready and unreachable (§4.2). */
  defaultTolerationMs: number;
  /** HAProxy in front of the API servers, as in kubeadm's HA guide: HAProxy's default inter 2s, fall 3, rise 2. */
  lbCheckIntervalMs: number;
  lbFall: number;
  lbRise: number;
  /** kube-scheduler pod back-off 1 s doubling to 10 s (§8.4). */
  schedulerBackoffMs: number;
  schedulerBackoffMaxMs: number;
  /** Pod start-up on a node (modelling choices, not upstream defaults; the full pull is of a ~70 MB image). */
  containerd: ContainerdTiming;
  /** Images whose program crashes right after it starts (scenarios use one for a bad release). */
  crashingImages: string[];
  /** One-way latency between hosts in the same data centre. */
  networkLatencyMs: number;
  /** metrics-server --metric-resolution (15 s), where the cluster runs it. */
  metricResolutionMs: number;
  /**
   * kube-controller-manager's HPA flags: --horizontal-pod-autoscaler-sync-period (15 s),
   * -downscale-stabilization (5 min), -tolerance (0.1).
   */
  hpaSyncPeriodMs: number;
  hpaDownscaleStabilizationMs: number;
  hpaTolerance: number;
  /**
   * cluster-autoscaler's flags, where the cluster runs one: --scan-interval (10 s),
   * --scale-down-utilization-threshold (0.5), --scale-down-unneeded-time (10 min),
   * --scale-down-delay-after-add (10 min), --scale-down-delay-after-delete (the scan interval).
   */
  caScanIntervalMs: number;
  caUtilizationThreshold: number;
  caUnneededMs: number;
  caDelayAfterAddMs: number;
};

export const DEFAULT_TUNING: Tuning = {
  etcdHeartbeatMs: 100,
  etcdElectionMs: 1000,
  etcdRequestTimeoutMs: 5000 + 2 * 1000,
  etcdNoLeaderChecks: 3,
  etcdReadIndexRetryMs: 500,
  etcdClientRetryMs: 25,
  etcdClientMaxRetries: 100,
  grpcReconnectBaseMs: 1000,
  grpcReconnectMaxMs: 120_000,
  apiRequestTimeoutMs: 60_000,
  apiEtcdHealthTimeoutMs: 2000,
  apiCacheFreshnessMs: 3000,
  reflectorBackoffMs: 800,
  reflectorBackoffMaxMs: 30_000,
  livenessPeriodMs: 10_000,
  livenessFailureThreshold: 8,
  startupFailureThreshold: 24,
  probeInitialDelayMs: 10_000,
  crashLoopBaseMs: 10_000,
  crashLoopMaxMs: 300_000,
  crashLoopResetMs: 600_000,
  leaseDurationMs: 15_000,
  renewDeadlineMs: 10_000,
  retryPeriodMs: 2000,
  nodeLeaseRenewMs: 10_000,
  nodeLeaseDurationMs: 40_000,
  nodeLeaseRetryBaseMs: 200,
  nodeLeaseRetryMaxMs: 7000,
  nodeStatusUpdateMs: 10_000,
  nodeStatusReportMs: 300_000,
  nodeMonitorPeriodMs: 5000,
  nodeMonitorGraceMs: 50_000,
  nodeEvictionIntervalMs: 10_000,
  defaultTolerationMs: 300_000,
  // kubeadm's HA guide (kubeadm docs/ha-considerations.md, haproxy.cfg) writes `server ... check`
  // with no timing, so HAProxy's defaults apply: inter 2s, fall 3, rise 2.
  lbCheckIntervalMs: 2000,
  lbFall: 3,
  lbRise: 2,
  schedulerBackoffMs: 1000,
  schedulerBackoffMaxMs: 10_000,
  containerd: {
    sandboxMs: [300, 700],
    imagePullMs: [1500, 4000],
    imageDigestCheckMs: [200, 500],
    containerStartMs: [100, 300],
  },
  crashingImages: [],
  networkLatencyMs: 1,
  metricResolutionMs: 15_000,
  hpaSyncPeriodMs: 15_000,
  hpaDownscaleStabilizationMs: 300_000,
  hpaTolerance: 0.1,
  caScanIntervalMs: 10_000,
  caUtilizationThreshold: 0.5,
  caUnneededMs: 600_000,
  caDelayAfterAddMs: 600_000,
};
