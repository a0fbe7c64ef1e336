// The Kubernetes objects this engine stores in etcd, reduced to the fields its controllers read.
// Timestamps are virtual milliseconds. (lib/sim/k8s holds the full, user-facing schemas used to
// parse real YAML; these are the engine's internal, already-defaulted shapes.)
import type { Ms } from "../core/units";
import type { Affinity, TopologySpreadConstraint } from "../k8s/types";

/**
 * blockOwnerDeletion (absent: false): under foreground deletion the owner stays until this dependent
 * is gone (staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/types.go: OwnerReference).
 */
export type OwnerRef = { kind: string; name: string; uid: string; controller: boolean; blockOwnerDeletion?: boolean };

export type ObjectMeta = {
  name: string;
  namespace: string | null;
  uid: string;
  resourceVersion: string;
  creationTimestamp: Ms;
  labels: Record<string, string>;
  ownerReferences: OwnerRef[];
  /** Set by a graceful delete; the object stays (Terminating) until its owner confirms. */
  deletionTimestamp: Ms | null;
  /** e.g. deployment.kubernetes.io/revision on ReplicaSets; absent when there are none. */
  annotations?: Record<string, string>;
  /**
   * metadata.finalizers (absent: none). A delete of an object that has some only sets
   * deletionTimestamp; the object goes when the last one is removed
   * (staging/src/k8s.io/apiserver/pkg/registry/generic/registry/store.go: Delete, shouldDeleteDuringUpdate).
   */
  finalizers?: string[];
};

export type ConditionStatus = "True" | "False" | "Unknown";
export type Condition = { type: string; status: ConditionStatus; reason: string; lastTransitionTime: Ms };

export type TaintEffect = "NoSchedule" | "PreferNoSchedule" | "NoExecute";
export type Taint = { key: string; value?: string; effect: TaintEffect; timeAdded: Ms | null };
export type Toleration = {
  key: string | null;
  operator: "Exists" | "Equal";
  value?: string;
  effect: TaintEffect | null;
  tolerationSeconds: number | null;
};

/** Requests in millicores and MiB (the scheduler plugin framework in lib/sim/scheduler parses real quantities). */
export type ResourceList = { cpuMilli: number; memoryMi: number };

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

export type Container = {
  name: string;
  image: string;
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

export type Pod = {
  kind: "Pod";
  apiVersion: "v1";
  metadata: ObjectMeta;
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

export type Node = {
  kind: "Node";
  apiVersion: "v1";
  metadata: ObjectMeta;
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
export type NodeSystemInfo = { kubeletVersion: string };

export type Lease = {
  kind: "Lease";
  apiVersion: "coordination.k8s.io/v1";
  metadata: ObjectMeta;
  spec: {
    holderIdentity: string | null;
    leaseDurationSeconds: number;
    acquireTime: Ms | null;
    renewTime: Ms | null;
    leaseTransitions: number;
  };
};

export type PodTemplate = { labels: Record<string, string>; spec: Omit<PodSpec, "nodeName"> };

/** An absolute count or a percentage such as "25%". */
export type IntOrPercent = number | string;

export type DeploymentStrategy =
  { type: "RollingUpdate"; maxSurge: IntOrPercent; maxUnavailable: IntOrPercent } | { type: "Recreate" };

export type Deployment = {
  kind: "Deployment";
  apiVersion: "apps/v1";
  metadata: ObjectMeta;
  spec: {
    replicas: number;
    selector: Record<string, string>;
    template: PodTemplate;
    /** Defaults (apps/v1): RollingUpdate 25% / 25%, revisionHistoryLimit 10, progressDeadlineSeconds 600. */
    strategy?: DeploymentStrategy;
    revisionHistoryLimit?: number;
    progressDeadlineSeconds?: number;
  };
  /** `conditions`: only the Progressing condition, written when a rollout exceeds its progress deadline. */
  status: { replicas: number; readyReplicas: number; updatedReplicas?: number; conditions?: DeploymentCondition[] };
};

export type DeploymentCondition = {
  type: "Progressing";
  status: ConditionStatus;
  reason: string;
  message: string;
  lastUpdateTime: Ms;
};

export type ReplicaSet = {
  kind: "ReplicaSet";
  apiVersion: "apps/v1";
  metadata: ObjectMeta;
  spec: { replicas: number; selector: Record<string, string>; template: PodTemplate };
  status: { replicas: number; readyReplicas: number };
};

export type VolumeClaimTemplate = { name: string; storage: string };

export type StatefulSet = {
  kind: "StatefulSet";
  apiVersion: "apps/v1";
  metadata: ObjectMeta;
  spec: {
    replicas: number;
    selector: Record<string, string>;
    /** The headless Service that gives the pods their DNS names; the user creates it. */
    serviceName: string;
    template: PodTemplate;
    podManagementPolicy: "OrderedReady" | "Parallel";
    updateStrategy: { type: "RollingUpdate"; partition: number } | { type: "OnDelete" };
    volumeClaimTemplates: VolumeClaimTemplate[];
  };
  status: { replicas: number; readyReplicas: number; currentRevision: string; updateRevision: string };
};

export type Service = {
  kind: "Service";
  apiVersion: "v1";
  metadata: ObjectMeta;
  /** clusterIP "None" makes the Service headless: DNS returns pod IPs, kube-proxy ignores it. */
  spec: {
    selector: Record<string, string>;
    clusterIP: string;
    ports: { port: number; targetPort: number; protocol: "TCP" | "UDP" }[];
  };
};

/**
 * discovery/v1 EndpointConditions: `serving` is the pod's readiness, `terminating` whether it is being
 * deleted, and `ready` is serving and not terminating (publishNotReadyAddresses is not modelled).
 */
export type EndpointConditions = { ready: boolean; serving: boolean; terminating: boolean };

export type Endpoint = {
  addresses: string[];
  conditions: EndpointConditions;
  hostname: string | null;
  nodeName: string | null;
  targetRef: string;
};

export type EndpointSlice = {
  kind: "EndpointSlice";
  apiVersion: "discovery.k8s.io/v1";
  metadata: ObjectMeta;
  addressType: "IPv4";
  endpoints: Endpoint[];
  ports: { port: number; protocol: "TCP" | "UDP" }[];
};

export type PersistentVolumeClaim = {
  kind: "PersistentVolumeClaim";
  apiVersion: "v1";
  metadata: ObjectMeta;
  spec: { storage: string; accessModes: ["ReadWriteOnce"] };
  status: { phase: "Pending" | "Bound" };
};

/**
 * policy/v1 PodDisruptionBudget: exactly one of minAvailable and maxUnavailable. The status is the
 * disruption controller's (pkg/controller/disruption) and the eviction subresource's shared ledger:
 * `disruptedPods` holds pods an eviction was granted for, by name, with the time it was granted.
 */
export type PodDisruptionBudget = {
  kind: "PodDisruptionBudget";
  apiVersion: "policy/v1";
  metadata: ObjectMeta;
  spec: { selector: Record<string, string>; minAvailable?: IntOrPercent; maxUnavailable?: IntOrPercent };
  status: {
    disruptionsAllowed: number;
    currentHealthy: number;
    desiredHealthy: number;
    expectedPods: number;
    disruptedPods: Record<string, Ms>;
  };
};

export type JobConditionType = "Complete" | "Failed" | "FailureTarget" | "SuccessCriteriaMet" | "Suspended";
export type JobCondition = {
  type: JobConditionType;
  status: ConditionStatus;
  reason: string;
  message: string;
  lastTransitionTime: Ms;
};

/**
 * batch/v1 Job, NonIndexed completion mode (defaults: completions and parallelism 1, backoffLimit 6).
 * Not modelled: Indexed mode, podFailurePolicy, successPolicy, suspend, ttlSecondsAfterFinished and the
 * batch.kubernetes.io/job-tracking finalizer (the controller counts finished pods it still sees).
 */
export type Job = {
  kind: "Job";
  apiVersion: "batch/v1";
  metadata: ObjectMeta;
  spec: {
    completions: number;
    parallelism: number;
    backoffLimit: number;
    activeDeadlineSeconds: number | null;
    selector: Record<string, string>;
    template: PodTemplate;
    /** true: no pods; the running ones are deleted, and resuming resets status.startTime. */
    suspend?: boolean;
    /** The TTL-after-finished controller deletes the Job this long after it completed or failed. */
    ttlSecondsAfterFinished?: number;
    /** Indexed: one pod per completion index 0..completions−1, named <job>-<index>-<suffix>. */
    completionMode?: "NonIndexed" | "Indexed";
  };
  status: {
    active: number;
    ready: number;
    succeeded: number;
    failed: number;
    startTime: Ms | null;
    completionTime: Ms | null;
    conditions: JobCondition[];
  };
};

export type ConcurrencyPolicy = "Allow" | "Forbid" | "Replace";

/**
 * batch/v1 CronJob; `schedule` is a cron line (the engine reads every-N-minutes lines: a star, a slash and N, then four
 * stars).
 */
export type CronJob = {
  kind: "CronJob";
  apiVersion: "batch/v1";
  metadata: ObjectMeta;
  spec: {
    schedule: string;
    concurrencyPolicy: ConcurrencyPolicy;
    startingDeadlineSeconds: number | null;
    /** true: no new Jobs (running ones go on); schedule times that pass count as missed. */
    suspend?: boolean;
    successfulJobsHistoryLimit: number;
    failedJobsHistoryLimit: number;
    jobTemplate: { spec: Omit<Job["spec"], "selector"> };
  };
  /** `active`: the Jobs it started that have not finished, by name. */
  status: { active: string[]; lastScheduleTime: Ms | null; lastSuccessfulTime: Ms | null };
};

/** One scaling policy of an HPA behavior: at most `value` pods (or percent) per `periodSeconds`. */
export type HpaScalingPolicy = { type: "Pods" | "Percent"; value: number; periodSeconds: number };

/**
 * spec.behavior.scaleUp / scaleDown after the API's defaulting (autoscaling/v2
 * SetDefaults_HorizontalPodAutoscalerBehavior).
 */
export type HpaScalingRules = {
  stabilizationWindowSeconds: number | null;
  selectPolicy: "Max" | "Min" | "Disabled";
  policies: HpaScalingPolicy[];
};

/**
 * autoscaling/v2 HorizontalPodAutoscaler reduced to one Resource metric (CPU, averageUtilization)
 * against a Deployment's scale. status: what the controller last wrote (currentReplicas, desiredReplicas).
 */
export type HorizontalPodAutoscaler = {
  kind: "HorizontalPodAutoscaler";
  apiVersion: "autoscaling/v2";
  metadata: ObjectMeta;
  spec: {
    scaleTargetRef: { kind: "Deployment"; name: string };
    minReplicas: number;
    maxReplicas: number;
    /** metrics[0].resource: name cpu, target.type Utilization. */
    targetCPUUtilizationPercentage: number;
    behavior: { scaleUp: HpaScalingRules; scaleDown: HpaScalingRules };
  };
  status: { currentReplicas: number; desiredReplicas: number; lastScaleTime: Ms | null };
};

/**
 * A peer of a NetworkPolicy rule: pods by label in the policy's namespace, or in the namespaces a namespaceSelector
 * matches (both: pods by label in those namespaces).
 */
export type NetworkPolicyPeer = { podSelector?: Record<string, string>; namespaceSelector?: Record<string, string> };
export type NetworkPolicyPort = { protocol: "TCP" | "UDP"; port: number };
/**
 * A rule allows traffic from/to any of `peers` (none listed: every peer) on any of `ports` (none listed: every port).
 */
export type NetworkPolicyRule = { peers: NetworkPolicyPeer[]; ports: NetworkPolicyPort[] };

/** networking.k8s.io/v1 NetworkPolicy (matchLabels selectors only). */
export type NetworkPolicy = {
  kind: "NetworkPolicy";
  apiVersion: "networking.k8s.io/v1";
  metadata: ObjectMeta;
  spec: {
    podSelector: Record<string, string>;
    policyTypes: ("Ingress" | "Egress")[];
    ingress: NetworkPolicyRule[];
    egress: NetworkPolicyRule[];
  };
};

/**
 * apiextensions.k8s.io/v1 CustomResourceDefinition reduced to what registers one namespaced kind:
 * its group, names and served version; status.established once the API server serves it.
 */
export type CustomResourceDefinition = {
  kind: "CustomResourceDefinition";
  metadata: ObjectMeta;
  spec: { group: string; kind: string; plural: string; version: string; scope: "Namespaced" };
  status: { established: boolean };
};

/**
 * The custom resource the operator scenario registers (webapps.example.com/v1): a web app the
 * operator runs as a Deployment. status: the spec the operator last converged on (its signature) and
 * the Deployment's ready replicas, written through the status subresource.
 */
export type WebApp = {
  kind: "WebApp";
  metadata: ObjectMeta;
  spec: { replicas: number; image: string };
  status: { observed: string | null; readyReplicas: number };
};

export type KubeObject =
  | Pod
  | Node
  | Lease
  | Deployment
  | ReplicaSet
  | StatefulSet
  | Service
  | EndpointSlice
  | PersistentVolumeClaim
  | PodDisruptionBudget
  | Job
  | CronJob
  | HorizontalPodAutoscaler
  | NetworkPolicy
  | CustomResourceDefinition
  | WebApp;
