// Deployment spec rules of pkg/apis/apps/validation/validation.go that the scenarios can reach:
// ValidateRollingUpdateDeployment refuses a rolling update that could never move (both maxSurge and
// maxUnavailable 0). Pure functions returning field errors; admission.ts turns them into a 422.
import type { DeploymentStrategy } from "../objects/apps";
import type { IntOrPercent } from "../objects/meta";
import type { FieldError } from "./errors";

/** getIntOrPercentValue: the number itself, or a percentage's number without scaling it to replicas. */
function intOrPercentValue(v: IntOrPercent): number {
  return typeof v === "number" ? v : Number.parseInt(v, 10);
}

/**
 * ValidateRollingUpdateDeployment: maxUnavailable may not be 0 when maxSurge is 0 ("0%" counts as 0,
 * whatever the replicas). The bad value prints through IntOrString.String: `0` or `0%`, unquoted.
 */
export function validateDeploymentStrategy(strategy: DeploymentStrategy | undefined): FieldError[] {
  if (strategy?.type !== "RollingUpdate") return [];
  if (intOrPercentValue(strategy.maxUnavailable) !== 0 || intOrPercentValue(strategy.maxSurge) !== 0) return [];
  return [
    {
      field: "spec.strategy.rollingUpdate.maxUnavailable",
      value: String(strategy.maxUnavailable),
      detail: "may not be 0 when `maxSurge` is 0",
    },
  ];
}
