// Configuration and state of a kubelet. A kubelet keeps the node's Lease fresh, reports status,
// runs the pods bound to its node through the container runtime, and supervises static pods (the
// control plane on kubeadm nodes), restarting them with CrashLoopBackOff and probing kube-apiserver.
import type { HttpClient, HttpClientConfig } from "../../client/http-client";
import type { Informer } from "../../client/informer";
import type { InformerTag } from "../../client/library-tag";
import type { Ms, ProcId } from "../../core/types";
import type { Lease } from "../../objects/coordination";
import type { ContainerImage, Pod, ResourceList, Taint } from "../../objects/core";
import type { RuntimePod } from "../containerd-protocol";

export type KubeletTiming = {
  leaseRenewMs: Ms;
  leaseDurationMs: Ms;
  leaseRetryBaseMs: Ms;
  leaseRetryMaxMs: Ms;
  statusUpdateMs: Ms;
  statusReportMs: Ms;
  probePeriodMs: Ms;
  probeInitialDelayMs: Ms;
  probeTimeoutMs: Ms;
  livenessFailureThreshold: number;
  startupFailureThreshold: number;
  crashLoopBaseMs: Ms;
  crashLoopMaxMs: Ms;
  crashLoopResetMs: Ms;
};

export type KubeletConfig = {
  node: string;
  zone: string;
  api: HttpClientConfig;
  /** The node's container runtime; null on control-plane nodes, whose only pods are static pods. */
  runtime: ProcId | null;
  staticPods: ProcId[];
  /** The local kube-apiserver static pod, probed on /livez (startup probe first) as kubeadm configures. */
  probeTarget: ProcId | null;
  allocatable: ResourceList & { pods: number };
  registerTaints: Taint[];
  /** --node-labels, added to the well-known hostname and zone labels. */
  labels: Record<string, string>;
  podCidr: number;
  timing: KubeletTiming;
  /** The kubelet binary's version, reported in status.nodeInfo; absent: none is reported. */
  version?: string;
};

/** A container's probe and restart bookkeeping. `gen` changes on every start, invalidating old timers. */
export type ContainerWorker = {
  gen: number;
  restarts: number;
  backoffMs: Ms;
  /** Readiness as the probes see it (true at once without a readiness probe). */
  ready: boolean;
  /** The startup probe has succeeded (true at once without one). */
  started: boolean;
  failures: number;
  /** Waiting out CrashLoopBackOff before the next start. */
  backingOff: boolean;
  /** When the container last exited: a new exit more than 10 min later starts the back-off afresh. */
  lastExit: Ms | null;
  /**
   * The container exited and the pod's restartPolicy keeps it down (Never; OnFailure after code 0): its exit code and
   * when.
   */
  done?: { exitCode: number; at: Ms };
};

type PodWorker = { containers: Readonly<Record<string, ContainerWorker>> };

export type ProbeKind = "startup" | "readiness" | "liveness";

export type StaticPod = {
  backoffMs: Ms;
  lastRestart: Ms;
  pendingRestart: boolean;
  /** A new manifest is being rolled out: its version, and who wrote it (kubeadm) and waits to hear the pod runs. */
  replacing?: { version: string; notify: ProcId };
};
type Probe = { phase: "startup" | "liveness"; failures: number; inflight: string | null };

/** The kubelet's own API requests: what the handler of each answer needs. */
export type NodeRequest =
  | { op: "register" }
  | { op: "lease"; verb: "get" | "update" | "create" }
  /** A node status GET, or the PATCH that follows it and what it reports (heartbeat.ts). */
  | { op: "status"; step: "get" | "patch" | "patch-ready" | "patch-not-ready" | "patch-changed" };
export type PodRequest =
  { op: "pod-delete"; uid: string } | { op: "pod-status"; uid: string; ready: boolean; phase: Pod["status"]["phase"] };
export type KubeletTag = NodeRequest | PodRequest | InformerTag;

export type KubeletState = {
  http: HttpClient<KubeletTag>;
  /** The static pod's liveness and startup probes: one request at a time, known by its id. */
  probeHttp: HttpClient<"probe">;
  registered: boolean;
  registerRetryMs: Ms;
  lease: Lease | null;
  leaseInflight: boolean;
  leaseRetryMs: Ms;
  /** When renewals started failing (null while they succeed): used for the learner-facing trace. */
  leaseFailingSince: Ms | null;
  /** Failures before the first successful renewal (the API server still starting) are not news. */
  leaseEverRenewed: boolean;
  lastStatusReport: Ms;
  /** The one-time shift of the next unchanged status report after a change or a start (delayAfterNodeStatusChange). */
  reportDelayMs: Ms;
  /** When the container runtime last answered a status check (the node is NotReady once it has been silent 30 s). */
  runtimeUpAt: Ms;
  pods: Informer;
  runtime: Readonly<Record<string, RuntimePod>>;
  runtimeSynced: boolean;
  /** Pods with a CRI or API request in flight, so a sync does not repeat it. */
  busy: Readonly<Record<string, "starting" | "stopping" | "deleting" | "reporting">>;
  ipCounter: number;
  /** The status last reported for each pod (a signature), so a sync does not report it twice. */
  reported: Readonly<Record<string, string>>;
  /** Whether each pod was last reported Ready (absent: never reported Running and Ready yet). */
  readyReported: Readonly<Record<string, boolean>>;
  /** Pods already announced as running and Ready once (pod.running is traced the first time only). */
  everReady: Readonly<Record<string, true>>;
  /** Per-pod container bookkeeping: probes, restarts, CrashLoopBackOff. */
  workers: Readonly<Record<string, PodWorker>>;
  statics: Readonly<Record<ProcId, StaticPod>>;
  probe: Probe;
  /** The image manager's cache: the runtime's images, largest first, refreshed every 30 s. */
  images: readonly ContainerImage[];
  /**
   * The version of the running binary and of a newer package installed on disk (it runs after the
   * next restart), and the version the node's status last reported. Absent when the config has none.
   */
  version?: string;
  installed?: string;
  versionReported?: string;
};

export type KubeletTimer =
  | { lib: "http"; t: "timeout"; id: string }
  | { lib: "informer"; t: "retry"; name: string }
  | { lib?: undefined; t: "register" }
  | { lib?: undefined; t: "lease" }
  | { lib?: undefined; t: "status" }
  | { lib?: undefined; t: "images" }
  | { lib?: undefined; t: "runtime-check" }
  | { lib?: undefined; t: "probe" }
  | { lib?: undefined; t: "static-restart"; proc: ProcId }
  | { lib?: undefined; t: "pod-probe"; uid: string; container: string; probe: ProbeKind; gen: number }
  | { lib?: undefined; t: "pod-restart"; uid: string; container: string; gen: number };
