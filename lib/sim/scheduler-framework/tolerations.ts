// Toleration matching (k8s.io/api/core/v1/toleration.go ToleratesTaint, component-helpers
// FindMatchingUntoleratedTaint).
import type { Taint, Toleration } from "@/lib/sim/objects/core";

/** Toleration.ToleratesTaint: empty effect or key match all; Exists ignores the value. Pure. */
export function toleratesTaint(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect !== null && toleration.effect !== taint.effect) return false;
  if (toleration.key !== null && toleration.key !== "" && toleration.key !== taint.key) return false;
  return toleration.operator === "Exists" || (toleration.value ?? "") === (taint.value ?? "");
}

/** TolerationsTolerateTaint. Pure. */
export function tolerationsTolerateTaint(tolerations: Toleration[], taint: Taint): boolean {
  return tolerations.some((toleration) => toleratesTaint(toleration, taint));
}

/** The first taint (in node order) passing `filter` that no toleration tolerates, or null. Pure. */
export function findUntoleratedTaint(
  taints: Taint[],
  tolerations: Toleration[],
  filter: (taint: Taint) => boolean,
): Taint | null {
  for (const taint of taints) {
    if (filter(taint) && !tolerationsTolerateTaint(tolerations, taint)) return taint;
  }
  return null;
}

/** helper.DoNotScheduleTaintsFilterFunc: the taints a Filter honours. Pure. */
export function isDoNotScheduleTaint(taint: Taint): boolean {
  return taint.effect === "NoSchedule" || taint.effect === "NoExecute";
}
