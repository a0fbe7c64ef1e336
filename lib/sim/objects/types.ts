// The Kubernetes objects this engine stores in etcd, reduced to the fields its controllers read.
// Timestamps are virtual milliseconds. (lib/sim/k8s holds the full, user-facing schemas used to
// parse real YAML; these are the engine's internal, already-defaulted shapes.)
import type { Ms } from "../core/types";

export type OwnerRef = { kind: string; name: string; uid: string; controller: boolean };

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
};

export type ConditionStatus = "True" | "False" | "Unknown";
export type Condition = { type: string; status: ConditionStatus; reason: string; lastTransitionTime: Ms };

export type TaintEffect = "NoSchedule" | "PreferNoSchedule" | "NoExecute";
export type Taint = { key: string; effect: TaintEffect; timeAdded: Ms | null };
export type Toleration = { key: string | null; operator: "Exists" | "Equal"; effect: TaintEffect | null; tolerationSeconds: number | null };

/** Requests in millicores and MiB (the scheduler plugin framework in lib/sim/scheduler parses real quantities). */
export type ResourceList = { cpuMilli: number; memoryMi: number };

export type Container = { name: string; image: string; requests: ResourceList };

export type PodSpec = {
  nodeName: string | null;
  containers: Container[];
  tolerations: Toleration[];
  serviceAccountName: string;
  schedulerName: string;
  restartPolicy: "Always" | "OnFailure" | "Never";
  terminationGracePeriodSeconds: number;
};

export type Pod = {
  kind: "Pod";
  apiVersion: "v1";
  metadata: ObjectMeta;
  spec: PodSpec;
  status: { phase: "Pending" | "Running" | "Succeeded" | "Failed" | "Unknown"; conditions: Condition[]; podIP: string | null };
};

export type Node = {
  kind: "Node";
  apiVersion: "v1";
  metadata: ObjectMeta;
  spec: { taints: Taint[]; unschedulable: boolean };
  status: { conditions: Condition[]; allocatable: ResourceList & { pods: number }; lastHeartbeatTime: Ms };
};

export type Lease = {
  kind: "Lease";
  apiVersion: "coordination.k8s.io/v1";
  metadata: ObjectMeta;
  spec: { holderIdentity: string | null; leaseDurationSeconds: number; acquireTime: Ms | null; renewTime: Ms | null; leaseTransitions: number };
};

export type PodTemplate = { labels: Record<string, string>; spec: Omit<PodSpec, "nodeName"> };

export type Deployment = {
  kind: "Deployment";
  apiVersion: "apps/v1";
  metadata: ObjectMeta;
  spec: { replicas: number; selector: Record<string, string>; template: PodTemplate };
  status: { replicas: number; readyReplicas: number };
};

export type ReplicaSet = {
  kind: "ReplicaSet";
  apiVersion: "apps/v1";
  metadata: ObjectMeta;
  spec: { replicas: number; selector: Record<string, string>; template: PodTemplate };
  status: { replicas: number; readyReplicas: number };
};

export type KubeObject = Pod | Node | Lease | Deployment | ReplicaSet;
