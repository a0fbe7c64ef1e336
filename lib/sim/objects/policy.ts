// policy/v1 PodDisruptionBudget.
import type { Ms } from "../core/units";
import type { ApiObject, IntOrPercent } from "./meta";

/**
 * policy/v1 PodDisruptionBudget: exactly one of minAvailable and maxUnavailable. The status is the
 * disruption controller's (pkg/controller/disruption) and the eviction subresource's shared ledger:
 * `disruptedPods` holds pods an eviction was granted for, by name, with the time it was granted.
 */
export type PodDisruptionBudget = ApiObject<"PodDisruptionBudget", "policy/v1"> & {
  spec: { selector: Record<string, string>; minAvailable?: IntOrPercent; maxUnavailable?: IntOrPercent };
  status: {
    disruptionsAllowed: number;
    currentHealthy: number;
    desiredHealthy: number;
    expectedPods: number;
    disruptedPods: Record<string, Ms>;
  };
};
