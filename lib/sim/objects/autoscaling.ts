// autoscaling/v2 HorizontalPodAutoscaler.
import type { Ms } from "../core/units";
import type { ApiObject } from "./meta";

/** One scaling policy of an HPA behavior: at most `value` pods (or percent) per `periodSeconds`. */
type HpaScalingPolicy = { type: "Pods" | "Percent"; value: number; periodSeconds: number };

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
export type HorizontalPodAutoscaler = ApiObject<"HorizontalPodAutoscaler", "autoscaling/v2"> & {
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
