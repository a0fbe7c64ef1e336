// ImageLocality (plugins/imagelocality/image_locality.go): the sizes of the pod's images already on
// the node, each scaled by the fraction of all nodes that hold it (so an image everywhere does not
// herd pods), clamped to [23 MiB, 1000 MiB × containers] and mapped to 0–100.
import type { Pod } from "@/lib/sim/objects/core";
import { mulDiv } from "@/lib/sim/scheduler-framework/int-math";
import type { NodeInfo, Snapshot } from "@/lib/sim/scheduler-framework/snapshot";
import { MAX_NODE_SCORE, type PluginImpl } from "@/lib/sim/scheduler-framework/types";

const MB = 1024 * 1024;
export const MIN_THRESHOLD = 23 * MB;
const MAX_CONTAINER_THRESHOLD = 1000 * MB;

/** normalizedImageName: an image without a tag gets ":latest". Pure. */
function normalizedImageName(name: string): string {
  return name.lastIndexOf(":") <= name.lastIndexOf("/") ? `${name}:latest` : name;
}

/** The pod's images, init containers first, normalised. Pure. */
function podImageNames(pod: Pod): string[] {
  return [...(pod.spec.initContainers ?? []), ...pod.spec.containers].map((c) => normalizedImageName(c.image));
}

type PodImages = { names: string[]; scaled: number[] };

/** Per cycle: each image's scaledImageScore, int64(float64(size) * (numNodes / totalNumNodes)). Pure. */
function podImages(snapshot: Snapshot, pod: Pod): PodImages {
  const names = podImageNames(pod);
  const scaled = names.map((name) => {
    const state = snapshot.images.get(name);
    return state ? Math.trunc(state.size * (state.numNodes / snapshot.nodes.length)) : 0;
  });
  return { names, scaled };
}

/** sumImageScores: init containers and containers alike, for images the node holds. Pure. */
function sumImageScores(node: NodeInfo, images: PodImages): number {
  let sum = 0;
  for (let i = 0; i < images.names.length; i++) {
    const name = images.names[i];
    if (name !== undefined && node.imageNames.has(name)) sum += images.scaled[i] ?? 0;
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
    // No PreScore upstream; the normalised names are cached in the cycle state on first use.
    let images = ctx.state.get("ImageLocality") as PodImages | undefined;
    if (!images) ctx.state.set("ImageLocality", (images = podImages(ctx.snapshot, ctx.pod.pod)));
    return imageLocalityPriority(sumImageScores(node, images), images.names.length);
  },
};
