// The NodeResourcesFit scoring strategies, in int64 arithmetic as upstream:
// least_allocated.go, most_allocated.go, requested_to_capacity_ratio.go and helper/shape_score.go.
import { divTrunc, mulDiv, roundHalfAwayFromZero } from "@/lib/sim/scheduler-framework/int-math";
import { MAX_NODE_SCORE, type ResourceSpec, type UtilizationShapePoint } from "@/lib/sim/scheduler-framework/types";

/** config.MaxCustomPriorityScore: shape scores are 0–10 and scaled ×10 to node scores. */
const MAX_CUSTOM_PRIORITY_SCORE = 10;
const MAX_UTILIZATION = 100;

/** leastRequestedScore: (capacity − requested) × 100 / capacity; 0 when over capacity. Pure. */
export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return mulDiv(capacity - requested, MAX_NODE_SCORE, capacity);
}

/** mostRequestedScore: min(requested, capacity) × 100 / capacity. Pure. */
export function mostRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0) return 0;
  return mulDiv(Math.min(requested, capacity), MAX_NODE_SCORE, capacity);
}

function weightedAverage(
  perResource: (requested: number, capacity: number) => number,
  resources: ResourceSpec[],
  requested: number[],
  allocatable: number[],
): number {
  let nodeScore = 0;
  let weightSum = 0;
  for (let i = 0; i < resources.length; i++) {
    const capacity = allocatable[i] ?? 0;
    const weight = resources[i]?.weight ?? 0;
    if (capacity === 0) continue;
    nodeScore += perResource(requested[i] ?? 0, capacity) * weight;
    weightSum += weight;
  }
  return weightSum === 0 ? 0 : divTrunc(nodeScore, weightSum);
}

/** leastResourceScorer. Pure. */
export function leastAllocatedScore(resources: ResourceSpec[], requested: number[], allocatable: number[]): number {
  return weightedAverage(leastRequestedScore, resources, requested, allocatable);
}

/** mostResourceScorer. Pure. */
export function mostAllocatedScore(resources: ResourceSpec[], requested: number[], allocatable: number[]): number {
  return weightedAverage(mostRequestedScore, resources, requested, allocatable);
}

/** helper.BuildBrokenLinearFunction over points already scaled to node scores. Pure. */
export function brokenLinear(shape: UtilizationShapePoint[], p: number): number {
  for (let i = 0; i < shape.length; i++) {
    const point = shape[i];
    if (!point || p > point.utilization) continue;
    const previous = shape[i - 1];
    if (!previous) return point.score;
    return (
      previous.score +
      divTrunc((point.score - previous.score) * (p - previous.utilization), point.utilization - previous.utilization)
    );
  }
  return shape[shape.length - 1]?.score ?? 0;
}

/** scaledUtilization: requested × 100 / capacity, clamped to [0, 100]. Pure. */
function scaledUtilization(requested: number, capacity: number): number {
  if (capacity <= 0 || requested <= 0) return 0;
  if (requested >= capacity) return MAX_UTILIZATION;
  return mulDiv(requested, MAX_UTILIZATION, capacity);
}

/** requestedToCapacityRatioScorer: only resources scoring above 0 count; math.Round of the mean. Pure. */
export function requestedToCapacityRatioScore(
  resources: ResourceSpec[],
  shape: UtilizationShapePoint[],
  requested: number[],
  allocatable: number[],
): number {
  const scaledShape = shape.map((point) => ({
    utilization: point.utilization,
    score: point.score * (MAX_NODE_SCORE / MAX_CUSTOM_PRIORITY_SCORE),
  }));
  let nodeScore = 0;
  let weightSum = 0;
  resources.forEach((spec, i) => {
    const capacity = allocatable[i] ?? 0;
    if (capacity === 0) return;
    const req = requested[i] ?? 0;
    const score =
      req > capacity
        ? brokenLinear(scaledShape, MAX_UTILIZATION)
        : brokenLinear(scaledShape, scaledUtilization(req, capacity));
    if (score > 0) {
      nodeScore += score * spec.weight;
      weightSum += spec.weight;
    }
  });
  return weightSum === 0 ? 0 : roundHalfAwayFromZero(nodeScore / weightSum);
}

/** balancedResourceScorer (balanced_allocation.go): float fractions, std, int64((1 − std) × 100). Pure. */
export function balancedAllocationScore(requested: number[], allocatable: number[]): number {
  const fractions: number[] = [];
  let total = 0;
  for (let i = 0; i < requested.length; i++) {
    const capacity = allocatable[i] ?? 0;
    if (capacity === 0) continue;
    const fraction = Math.min((requested[i] ?? 0) / capacity, 1);
    total += fraction;
    fractions.push(fraction);
  }
  let std = 0;
  const [first, second] = fractions;
  if (fractions.length === 2 && first !== undefined && second !== undefined) {
    std = Math.abs((first - second) / 2);
  } else if (fractions.length > 2) {
    const mean = total / fractions.length;
    let sum = 0;
    for (const fraction of fractions) sum = sum + (fraction - mean) * (fraction - mean);
    std = Math.sqrt(sum / fractions.length);
  }
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}
