// The Cluster Autoscaler's configuration and state, and the reads of its informers that its scale-up
// (ca-scale-up.ts), its scale-down (ca-scale-down.ts) and its main loop (cluster-autoscaler.ts) share.
import type { Ctx } from "../../core/component";
import type { Ms, ProcId } from "../../core/types";
import { httpSendInPlace, type HttpClient, type HttpClientConfig } from "../../client/http-client";
import type { Informer } from "../../client/informer";
import type { InformerTag } from "../../client/library-tag";
import type { Node, Pod } from "../../objects/core";
import { podsByNode, TO_BE_DELETED, type Capacity } from "./ca-math";

export type ClusterAutoscalerConfig = {
  api: HttpClientConfig;
  cloud: ProcId;
  group: { name: string; minSize: number; maxSize: number; instances: string[]; initial: number; template: Capacity };
  scanIntervalMs: Ms;
  utilizationThreshold: number;
  unneededMs: Ms;
  delayAfterAddMs: Ms;
  delayAfterDeleteMs: Ms;
};

export type Deletion = {
  node: string;
  stage: "taint" | "drain" | "cloud" | "delete";
  evicting: readonly string[];
  utilization: number;
  since: Ms;
};

export type ClusterAutoscalerState = {
  http: HttpClient<CaTag>;
  informers: Readonly<Record<Inf, Informer>>;
  targetSize: number;
  lastScaleUp: Ms | null;
  lastDelete: Ms | null;
  /** Unneeded nodes and since when (unneeded/nodes.go). */
  unneeded: Readonly<Record<string, Ms>>;
  /** The last reason traced per node, so an unchanged verdict is not traced again. */
  verdicts: Readonly<Record<string, string>>;
  maxReported: string | null;
  deleting: Deletion | null;
};

export type Inf = "pods" | "nodes" | "poddisruptionbudgets";

/** The autoscaler's own requests in a node's removal: what they do, and to which node or pod. */
export type CaRequest = { op: "taint" | "untaint" | "evict" | "delete"; name: string };
type CaTag = CaRequest | InformerTag;
export const INFORMERS: readonly Inf[] = ["nodes", "pods", "poddisruptionbudgets"];

export const list = <T>(inf: Informer): T[] => Object.values(inf.objects) as T[];

export function send(
  s: ClusterAutoscalerState,
  cfg: ClusterAutoscalerConfig,
  call: Parameters<typeof httpSendInPlace>[2],
  tag: CaTag,
  ctx: Ctx,
): void {
  httpSendInPlace<CaTag>(s.http, cfg.api, call, tag, 10_000, ctx);
}

// Views of an informer's store, memoized on the store object, which is replaced on every change and
// never edited (client/informer.ts): a scan reads them several times, and most scans find the stores
// as the last one left them. Not world state.
const groupMemo = new WeakMap<object, { cfg: ClusterAutoscalerConfig; nodes: readonly Node[] }>();
const byNodeMemo = new WeakMap<object, ReturnType<typeof podsByNode>>();

/** The node group's nodes, by name. Shared: never mutate. */
export function groupNodes(s: ClusterAutoscalerState, cfg: ClusterAutoscalerConfig): readonly Node[] {
  const store = s.informers.nodes.objects;
  const hit = groupMemo.get(store);
  if (hit !== undefined && hit.cfg === cfg) return hit.nodes;
  const nodes = list<Node>(s.informers.nodes)
    .filter((n) => cfg.group.instances.includes(n.metadata.name))
    .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
  groupMemo.set(store, { cfg, nodes });
  return nodes;
}

/** podsByNode over the pod informer's store. Shared: never mutate. */
export function podsByNodeOf(s: ClusterAutoscalerState): ReturnType<typeof podsByNode> {
  const store = s.informers.pods.objects;
  let byNode = byNodeMemo.get(store);
  if (byNode === undefined) byNodeMemo.set(store, (byNode = podsByNode(list<Pod>(s.informers.pods))));
  return byNode;
}

export const deletingTaint = (n: Node): boolean => n.spec.taints.some((t) => t.key === TO_BE_DELETED);
