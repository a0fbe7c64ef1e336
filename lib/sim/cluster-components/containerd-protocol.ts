// The container runtime interface between a kubelet and its node's runtime (CRI, reduced), and the
// application traffic that reaches running pods. The runtime reports each step of starting a pod
// (sandbox with its CNI IP, image pull, container start) and every container exit as events, the
// way the kubelet's evented PLEG learns them.
import type { AppBehavior, ContainerImage, PullPolicy } from "../objects/core";

export type ContainerSpec = { name: string; image: string; pullPolicy: PullPolicy; app: AppBehavior };

type ContainerState = "waiting" | "running" | "exited";

export type RuntimeContainer = {
  name: string;
  state: ContainerState;
  startedAt: number | null;
  exitCode: number | null;
  incarnation: number;
};

/**
 * A pod sandbox as the runtime reports it. `state` is "running" once every container runs,
 * "waiting" while some container is not running, "stopped" after stop-pod.
 */
export type RuntimePod = {
  uid: string;
  name: string;
  namespace: string;
  ip: string;
  state: "starting" | "running" | "waiting" | "stopped";
  containers: RuntimeContainer[];
};

/** What just happened to a pod, for the kubelet's trace (PLEG events carry no more than this). */
export type RuntimeStage =
  | { kind: "sandbox" }
  | { kind: "pulled"; container: string; image: string; pullPolicy: PullPolicy; cached: boolean; ms: number }
  | { kind: "pull-failed"; container: string; image: string; reason: string }
  | { kind: "started"; container: string }
  | { kind: "exited"; container: string; exitCode: number; reason: string }
  /** Every container has exited; `exits` says how each went (absent: the pod was removed at once). */
  | { kind: "stopped"; exits?: ContainerStop[] };

/**
 * How the kubelet stops one container (killContainer): its preStop hook's time, then SIGTERM with `timeoutMs` before
 * SIGKILL.
 */
export type StopStep = { container: string; preStopMs: number; timeoutMs: number };

/**
 * How a stopped container exited: on SIGTERM (code 0) or killed when the timeout ran out (137), `afterMs` after the
 * stop began; null: it was not running.
 */
export type ContainerStop = { container: string; exitCode: 0 | 137 | null; afterMs: number };

type CriMsg =
  | {
      p: "cri";
      kind: "cri-request";
      id: string;
      op: "run-pod";
      uid: string;
      name: string;
      namespace: string;
      ip: string;
      containers: ContainerSpec[];
    }
  /** StopPodSandbox after StopContainer per `plan` (absent: remove the pod at once, as for an orphan). */
  | { p: "cri"; kind: "cri-request"; id: string; op: "stop-pod"; uid: string; plan?: StopStep[] }
  | { p: "cri"; kind: "cri-request"; id: string; op: "start-container"; uid: string; container: string }
  | { p: "cri"; kind: "cri-request"; id: string; op: "kill-container"; uid: string; container: string; reason: string }
  | { p: "cri"; kind: "cri-request"; id: string; op: "list" }
  | { p: "cri"; kind: "cri-request"; id: string; op: "list-images" }
  /** ListPodSandboxStats, for the kubelet's /metrics/resource; `replyTo` is the scraper the kubelet answers. */
  | { p: "cri"; kind: "cri-request"; id: string; op: "stats"; replyTo: string }
  | { p: "cri"; kind: "cri-stats"; id: string; replyTo: string; stats: PodCpuStats[] }
  | { p: "cri"; kind: "cri-response"; id: string; pods: RuntimePod[] }
  | { p: "cri"; kind: "cri-images"; id: string; images: ContainerImage[] }
  | { p: "cri"; kind: "cri-event"; pod: RuntimePod; stage?: RuntimeStage };

/**
 * A running pod's CPU as the runtime accounts it (CRI stats, container_cpu_usage_seconds_total):
 * cumulative usage in millicore-milliseconds since its containers started (one core busy for one
 * second adds 1000 × 1000), sampled at `timestamp`.
 */
export type PodCpuStats = {
  uid: string;
  name: string;
  namespace: string;
  startedAt: number;
  timestamp: number;
  usageMilliMs: number;
};

/** A request from a client of the application to one pod IP (after kube-proxy-style routing). */
type AppMsg =
  | { p: "app"; kind: "app-request"; id: string; ip: string }
  | { p: "app"; kind: "app-response"; id: string; ip: string; status: number }
  /**
   * The load generator's steady stream of requests to one endpoint, summed up as the CPU it costs the
   * pod from now on (millicores; 0 stops it). Sent whenever the share of a pod changes.
   */
  | { p: "app"; kind: "app-load"; ip: string; cpuMilli: number };

/** These messages cross the simulated network (core/messages.ts). */
declare module "../core/messages" {
  interface MessageProtocols {
    cri: CriMsg;
    app: AppMsg;
  }
}
