// The order in which the scheduler walks nodes: its cache's nodeTree interleaves zones
// (pkg/scheduler/backend/cache/node_tree.go, list), so a partial search with
// percentageOfNodesToScore samples every zone. Zone keys follow utilnode.GetZoneKey.
import type { Node } from "@/lib/sim/objects/core";

/** utilnode.GetZoneKey: region + ":\x00:" + zone, with the deprecated beta labels as fallback. Pure. */
function zoneKey(node: Node): string {
  const labels = node.metadata.labels;
  const zone = labels["topology.kubernetes.io/zone"] ?? labels["failure-domain.beta.kubernetes.io/zone"] ?? "";
  const region = labels["topology.kubernetes.io/region"] ?? labels["failure-domain.beta.kubernetes.io/region"] ?? "";
  if (region === "" && zone === "") return "";
  return `${region}:\u0000:${zone}`;
}

/** nodeTree.list(): zones in order of first appearance, one node from each zone per round. Pure. */
export function orderNodesByZone<T extends { node: Node }>(items: T[]): T[] {
  const zones = new Map<string, T[]>();
  for (const item of items) {
    const key = zoneKey(item.node);
    const bucket = zones.get(key);
    if (bucket) bucket.push(item);
    else zones.set(key, [item]);
  }
  const buckets = [...zones.values()];
  const ordered: T[] = [];
  for (let round = 0; ordered.length < items.length; round++) {
    for (const bucket of buckets) {
      const item = bucket[round];
      if (item !== undefined) ordered.push(item);
    }
  }
  return ordered;
}
