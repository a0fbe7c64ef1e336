// ImageLocality (plugins/imagelocality/image_locality.go): the sizes of the pod's images already on
// the node, each scaled by the fraction of all nodes that hold it (so an image everywhere does not
// herd pods), clamped to [23 MiB, 1000 MiB × containers] and mapped to 0–100.
import type { Pod } from "@/lib/sim/k8s/types";
import { mulDiv } from "@/lib/sim/scheduler/int-math";
import type { NodeInfo, Snapshot } from "@/lib/sim/scheduler/snapshot";
import { MAX_NODE_SCORE, type PluginImpl } from "@/lib/sim/scheduler/types";

const MB = 1024 * 1024;
export const MIN_THRESHOLD = 23 * MB;
export const MAX_CONTAINER_THRESHOLD = 1000 * MB;

/** normalizedImageName: an image without a tag gets ":latest". Pure. */
export function normalizedImageName(name: string): string {
  return name.lastIndexOf(":") <= name.lastIndexOf("/") ? `${name}:latest` : name;
}

/** sumImageScores: init containers and containers alike. Pure. */
export function sumImageScores(snapshot: Snapshot, node: NodeInfo, pod: Pod): number {
  const total = snapshot.nodes.length;
  let sum = 0;
  for (const container of [...pod.initContainers, ...pod.containers]) {
    const name = normalizedImageName(container.image);
    const state = node.imageNames.has(name) ? snapshot.images.get(name) : undefined;
    // scaledImageScore: int64(float64(size) * (numNodes / totalNumNodes)).
    if (state) sum += Math.trunc(state.size * (state.numNodes / total));
  }
  return sum;
}

/** calculatePriority. Pure. */
export function imageLocalityPriority(sumScores: number, numContainers: number): number {
  const maxThreshold = MAX_CONTAINER_THRESHOLD * numContainers;
  const clamped = Math.min(Math.max(sumScores, MIN_THRESHOLD), maxThreshold);
  return mulDiv(MAX_NODE_SCORE, clamped - MIN_THRESHOLD, maxThreshold - MIN_THRESHOLD);
}

export const imageLocality: PluginImpl = {
  score(ctx, node) {
    const pod = ctx.pod.pod;
    return imageLocalityPriority(sumImageScores(ctx.snapshot, node, pod), pod.initContainers.length + pod.containers.length);
  },
};
