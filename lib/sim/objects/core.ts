// The core/v1 objects the engine stores: Pod (and its containers), Node, Service, PersistentVolumeClaim,
// and the pod template the workload kinds embed.
import type { Ms } from "../core/units";
import type { ApiObject, Condition } from "./meta";
import type { Affinity, TopologySpreadConstraint } from "./scheduling";

type TaintEffect = "NoSchedule" | "PreferNoSchedule" | "NoExecute";
export type Taint = { key: string; value?: string; effect: TaintEffect; timeAdded: Ms | null };
export type Toleration = {
  key: string | null;
  operator: "Exists" | "Equal";
  value?: string;
  effect: TaintEffect | null;
  tolerationSeconds: number | null;
};

/**
 * Requests or allocatable in millicores and MiB: the parsed numbers the engine computes with.
 * `quantities`: the exact quantity strings by resource name (extended resources, ephemeral-storage,
 * memory that is no whole MiB), kept only on objects read from a manifest (lib/sim/manifests). The scheduler
 * framework reads them when present and the numbers otherwise (lib/sim/scheduler-framework/resources.ts).
 */
export type ResourceList = { cpuMilli: number; memoryMi: number; quantities?: Record<string, string> };

/** A probe with the API defaults (period 10 s, timeout 1 s, failure 3, success 1, delay 0). */
export type Probe = {
  periodSeconds: number;
  timeoutSeconds: number;
  failureThreshold: number;
  successThreshold: number;
  initialDelaySeconds: number;
};

/**
 * What the simulated program in a container does (not a Kubernetes field): it answers probes once it
 * has run `readyAfterMs`, and exits with code 1 after `exitAfterMs` (null: never). Lets scenarios
 * show slow starts, failing readiness and CrashLoopBackOff without real images.
 */
export type AppBehavior = {
  readyAfterMs: number;
  exitAfterMs: number | null;
  /**
   * The exit code after exitAfterMs (absent: 1). 0 is a run-to-completion program (a Job's pod) that finished its work.
   */
  exitCode?: number;
  /** Its first `failFirst` runs on a node exit with code 1 instead (a dependency not ready yet): a flaky batch task. */
  failFirst?: number;
  /** How long it takes to exit with code 0 after SIGTERM, finishing in-flight work (absent: 1 s). */
  shutdownMs?: number;
};

export type PullPolicy = "Always" | "IfNotPresent" | "Never";

/** The container securityContext fields PodSecurity admission's baseline and restricted checks read. */
export type SecurityContext = {
  privileged?: boolean;
  allowPrivilegeEscalation?: boolean;
  runAsNonRoot?: boolean;
  capabilitiesDrop?: string[];
  seccompProfile?: "RuntimeDefault" | "Localhost" | "Unconfined";
};

type Protocol = "TCP" | "UDP" | "SCTP";

/** containerPort with its hostPort (0: none; a hostNetwork pod's hostPort defaults to containerPort). */
export type ContainerPort = { containerPort: number; hostPort: number; hostIP: string; protocol: Protocol };

export type Container = {
  name: string;
  image: string;
  /** Set only on sidecar (restartable) init containers. */
  restartPolicy?: "Always";
  ports?: ContainerPort[];
  /** resources.requests; 0 is "not set" (a LimitRange's defaultRequest may fill it). */
  requests: ResourceList;
  /** resources.limits; absent (or a resource absent): not set. */
  limits?: Partial<ResourceList>;
  securityContext?: SecurityContext;
  /** Defaulted by the API server: Always for no tag or :latest, else IfNotPresent. */
  imagePullPolicy?: PullPolicy;
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  startupProbe?: Probe;
  /** lifecycle.preStop, the sleep action only: the kubelet waits this long before it sends SIGTERM. */
  lifecycle?: { preStop?: { sleep: { seconds: number } } };
  app?: AppBehavior;
};

export type PodSpec = {
  nodeName: string | null;
  containers: Container[];
  /** Run one by one before `containers`; sidecars (restartPolicy Always) keep running beside them. */
  initContainers?: Container[];
  /** The resources the pod's sandbox needs on top of its containers' (RuntimeClass overhead). */
  overhead?: ResourceList;
  /** Resolved from priorityClassName by admission (absent: 0). */
  priority?: number;
  /** Absent: PreemptLowerPriority. */
  preemptionPolicy?: "PreemptLowerPriority" | "Never";
  tolerations: Toleration[];
  serviceAccountName: string;
  schedulerName: string;
  restartPolicy: "Always" | "OnFailure" | "Never";
  terminationGracePeriodSeconds: number;
  nodeSelector?: Record<string, string>;
  affinity?: Affinity;
  topologySpreadConstraints?: TopologySpreadConstraint[];
  /** StatefulSet pods: hostname = pod name, subdomain = the governing headless Service. */
  hostname?: string;
  subdomain?: string;
  /** PersistentVolumeClaims the pod mounts, by claim name. */
  claims?: string[];
  /** `dnsConfig.options` the kubelet merges into the pod's /etc/resolv.conf (e.g. ndots). */
  dnsConfig?: { options: { name: string; value: string }[] };
};

export type Pod = ApiObject<"Pod", "v1"> & {
  spec: PodSpec;
  status: {
    phase: "Pending" | "Running" | "Succeeded" | "Failed" | "Unknown";
    conditions: Condition[];
    podIP: string | null;
    /** Reported by the kubelet once the pod has a sandbox. */
    containerStatuses?: ContainerStatus[];
  };
};

/** `state` is running, or waiting/terminated with its reason (CrashLoopBackOff, ContainerCreating...). */
export type ContainerStatus = {
  name: string;
  ready: boolean;
  restartCount: number;
  state: string;
  /** state.terminated of a container that stays down: its exit code and finishedAt. */
  exitCode?: number;
  finishedAt?: Ms;
};

/** An image on a node as the runtime lists it (status.images[]): its references and its size. */
export type ContainerImage = { names: string[]; sizeBytes: number };

export type Node = ApiObject<"Node", "v1"> & {
  spec: { taints: Taint[]; unschedulable: boolean };
  /** `images`: the largest images on the node, reported by its kubelet (absent until the first report). */
  status: {
    conditions: Condition[];
    allocatable: ResourceList & { pods: number };
    lastHeartbeatTime: Ms;
    images?: ContainerImage[];
    nodeInfo?: NodeSystemInfo;
  };
};

/** status.nodeInfo, reduced to the kubelet's version (what `kubectl get nodes` shows as VERSION). */
type NodeSystemInfo = { kubeletVersion: string };

/**
 * A PodTemplateSpec with its metadata flattened: `labels`, and `annotations` (absent when there are none, so a
 * template without them hashes and serialises as before). Pods made from it carry both; the pod-template-hash
 * covers both, as ComputeHash hashes the whole template (pkg/controller/controller_utils.go), so changing an
 * annotation (kubectl rollout restart's restartedAt) rolls the pods.
 */
export type PodTemplate = {
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  spec: Omit<PodSpec, "nodeName">;
};

export type Service = ApiObject<"Service", "v1"> & {
  /** clusterIP "None" makes the Service headless: DNS returns pod IPs, kube-proxy ignores it. */
  spec: {
    selector: Record<string, string>;
    clusterIP: string;
    ports: { port: number; targetPort: number; protocol: "TCP" | "UDP" }[];
  };
};

export type PersistentVolumeClaim = ApiObject<"PersistentVolumeClaim", "v1"> & {
  spec: { storage: string; accessModes: ["ReadWriteOnce"] };
  status: { phase: "Pending" | "Bound" };
};
