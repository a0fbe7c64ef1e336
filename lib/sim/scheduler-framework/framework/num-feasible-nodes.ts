// numFeasibleNodesToFind (pkg/scheduler/schedule_one.go): below 100 nodes all are checked; otherwise
// the percentage (profile, else global; 0 = adaptive 50 − n/125, at least 5%) of the nodes, at least 100.
import { divTrunc } from "@/lib/sim/scheduler-framework/int-math";

const MIN_FEASIBLE_NODES_TO_FIND = 100;
const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

/** Pure. */
export function numFeasibleNodesToFind(percentageOfNodesToScore: number, numAllNodes: number): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes;
  let percentage = percentageOfNodesToScore;
  if (percentage === 0) percentage = Math.max(50 - divTrunc(numAllNodes, 125), MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND);
  const numNodes = divTrunc(numAllNodes * percentage, 100);
  return Math.max(numNodes, MIN_FEASIBLE_NODES_TO_FIND);
}
