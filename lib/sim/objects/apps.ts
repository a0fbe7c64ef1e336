// The apps/v1 workloads: Deployment, ReplicaSet, StatefulSet.
import type { Ms } from "../core/units";
import type { PodTemplate } from "./core";
import type { ApiObject, ConditionStatus, IntOrPercent } from "./meta";

export type DeploymentStrategy =
  { type: "RollingUpdate"; maxSurge: IntOrPercent; maxUnavailable: IntOrPercent } | { type: "Recreate" };

export type Deployment = ApiObject<"Deployment", "apps/v1"> & {
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

type DeploymentCondition = {
  type: "Progressing";
  status: ConditionStatus;
  reason: string;
  message: string;
  lastUpdateTime: Ms;
};

export type ReplicaSet = ApiObject<"ReplicaSet", "apps/v1"> & {
  spec: { replicas: number; selector: Record<string, string>; template: PodTemplate };
  status: { replicas: number; readyReplicas: number };
};

type VolumeClaimTemplate = { name: string; storage: string };

export type StatefulSet = ApiObject<"StatefulSet", "apps/v1"> & {
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
