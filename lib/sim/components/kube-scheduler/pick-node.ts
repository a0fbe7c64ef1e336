// The seam between the in-sim kube-scheduler and node selection. For now a simple resource-fit
// choice with the filter reasons in upstream wording; the plugin framework in lib/sim/scheduler
// (NodeResourcesFit, TaintToleration, ... with upstream scoring) will replace this function body.
import type { Rng } from "../../core/rng";
import type { Node, Pod, Taint } from "../../objects/types";

export type NodeChoice = { node: string | null; reasons: Record<string, string> };

function untolerated(pod: Pod, node: Node): Taint | undefined {
  return node.spec.taints.find(
    (t) =>
      (t.effect === "NoSchedule" || t.effect === "NoExecute") &&
      !pod.spec.tolerations.some((x) => (x.key === null ? x.operator === "Exists" : x.key === t.key) && (x.effect === null || x.effect === t.effect)),
  );
}

function requests(pod: Pod): { cpu: number; mem: number } {
  return pod.spec.containers.reduce((a, c) => ({ cpu: a.cpu + c.requests.cpuMilli, mem: a.mem + c.requests.memoryMi }), { cpu: 0, mem: 0 });
}

/**
 * Picks a node for `pod` given the nodes and the pods already bound. Filters: NodeUnschedulable,
 * TaintToleration (NoSchedule/NoExecute), NodeResourcesFit (cpu, memory, pod count). Score: the
 * least-allocated share after placement; ties broken at random like selectHost. Pure apart from `rng`.
 */
export function pickNode(pod: Pod, nodes: readonly Node[], pods: readonly Pod[], rng: Rng): NodeChoice {
  const reasons: Record<string, string> = {};
  const want = requests(pod);
  let best: string[] = [];
  let bestScore = -1;
  for (const node of [...nodes].sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1))) {
    const name = node.metadata.name;
    if (node.spec.unschedulable) {
      reasons[name] = "node(s) were unschedulable";
      continue;
    }
    const taint = untolerated(pod, node);
    if (taint !== undefined) {
      reasons[name] = `node(s) had untolerated taint {${taint.key}: }`;
      continue;
    }
    const here = pods.filter((p) => p.spec.nodeName === name && p.status.phase !== "Succeeded" && p.status.phase !== "Failed");
    const used = here.reduce((a, p) => ({ cpu: a.cpu + requests(p).cpu, mem: a.mem + requests(p).mem }), { cpu: 0, mem: 0 });
    const alloc = node.status.allocatable;
    if (here.length + 1 > alloc.pods) reasons[name] = "Too many pods";
    else if (used.cpu + want.cpu > alloc.cpuMilli) reasons[name] = "Insufficient cpu";
    else if (used.mem + want.mem > alloc.memoryMi) reasons[name] = "Insufficient memory";
    if (reasons[name] !== undefined) continue;
    const score = Math.floor((((alloc.cpuMilli - used.cpu - want.cpu) * 100) / alloc.cpuMilli + ((alloc.memoryMi - used.mem - want.mem) * 100) / alloc.memoryMi) / 2);
    if (score > bestScore) {
      bestScore = score;
      best = [name];
    } else if (score === bestScore) best.push(name);
  }
  return { node: best.length === 0 ? null : best[rng.int(best.length)]!, reasons };
}

/** "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) had untolerated taint {...}." */
export function unschedulableMessage(total: number, reasons: Record<string, string>): string {
  const counts = new Map<string, number>();
  for (const r of Object.values(reasons)) counts.set(r, (counts.get(r) ?? 0) + 1);
  const parts = [...counts.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([r, n]) => `${n} ${r}`);
  return parts.length === 0 ? `0/${total} nodes are available.` : `0/${total} nodes are available: ${parts.join(", ")}.`;
}
