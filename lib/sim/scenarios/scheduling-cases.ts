// The cases of the scheduling scenario: what the cluster looks like and which pods are applied.
// node-4 is off at the start; in the "pending" cases it joins at JOIN_AT with what the pod needs,
// and the scheduler retries the pod on that cluster event (k8s-facts §8).
import type { WorkerSpec } from "../cluster/spec";
import type { Affinity, TopologySpreadConstraint } from "../objects/scheduling";
import type { Pod } from "../objects/core";
import type { Params } from "../trace/types";
import { applyAt, container, deploymentOf, podOf, podSpec, template } from "./manifests";
import { intParam, type ScriptItem } from "./types";

export const JOIN_AT = 40_000;
export const APPLY_AT = 20_000;
export const CASES = [
  "insufficient-cpu",
  "node-selector",
  "untolerated-taint",
  "pod-affinity",
  "pod-anti-affinity",
  "topology-spread",
  "least-allocated",
] as const;
export type CaseName = (typeof CASES)[number];

/** What the what-if select shows for each case; the param's value stays the case's number (1-based). */
export const CASE_LABELS: Record<CaseName, string> = {
  "insufficient-cpu": "Not enough CPU on any node",
  "node-selector": "nodeSelector that no node matches",
  "untolerated-taint": "Taint the pod does not tolerate",
  "pod-affinity": "Pod affinity",
  "pod-anti-affinity": "Pod anti-affinity",
  "topology-spread": "Topology spread across zones",
  "least-allocated": "Plain scoring (LeastAllocated)",
};

export function caseOf(p: Params): CaseName {
  return CASES[intParam(p, "case") - 1]!;
}

/** Whether node-4 joins at JOIN_AT in this case. */
export function joins(c: CaseName): boolean {
  return c === "insufficient-cpu" || c === "node-selector" || c === "untolerated-taint" || c === "pod-anti-affinity";
}

export function workers(c: CaseName): WorkerSpec[] {
  const taint = { key: "dedicated", value: "batch", effect: "NoSchedule" as const, timeAdded: null };
  const base: WorkerSpec[] = [{}, {}, {}, {}];
  if (c === "insufficient-cpu") base[3] = { allocatable: { cpuMilli: 4000, memoryMi: 8192, pods: 110 } };
  if (c === "node-selector") base[3] = { labels: { disktype: "ssd" } };
  if (c === "untolerated-taint") return [{ taints: [taint] }, { taints: [taint] }, { taints: [taint] }, {}];
  return base;
}

function pod(
  name: string,
  cpuMilli: number,
  extra: Partial<Pod["spec"]> = {},
  labels: Record<string, string> = { app: name },
): Pod {
  return podOf(name, labels, podSpec([container(name, "nginx:1.27", { cpuMilli, memoryMi: 256 })], extra));
}

const byHost = (key: "podAffinity" | "podAntiAffinity", app: string): Affinity => ({
  nodeAffinity: null,
  podAffinity: null,
  podAntiAffinity: null,
  [key]: {
    required: [
      {
        labelSelector: { matchLabels: { app }, matchExpressions: [] },
        namespaces: [],
        namespaceSelector: null,
        topologyKey: "kubernetes.io/hostname",
      },
    ],
    preferred: [],
  },
});

const spread: TopologySpreadConstraint = {
  maxSkew: 1,
  topologyKey: "topology.kubernetes.io/zone",
  whenUnsatisfiable: "DoNotSchedule",
  labelSelector: { matchLabels: { app: "web" }, matchExpressions: [] },
  minDomains: null,
  nodeAffinityPolicy: null,
  nodeTaintsPolicy: null,
  matchLabelKeys: [],
};

/** Filler pods pinned to node-1..3 with the requested CPU already in use there (case least-allocated). */
export function fillerLoads(p: Params): number[] {
  return [intParam(p, "cpuNode1"), intParam(p, "cpuNode2"), intParam(p, "cpuNode3")];
}

export function caseScript(c: CaseName, p: Params): ScriptItem[] {
  const replicas = intParam(p, "replicas");
  switch (c) {
    case "insufficient-cpu":
      return [
        applyAt(APPLY_AT, pod("big", 3000), "big.yaml", "Pod big requesting cpu: 3 (every node has 2 allocatable)"),
      ];
    case "node-selector":
      return [
        applyAt(
          APPLY_AT,
          pod("web", 500, { nodeSelector: { disktype: "ssd" } }),
          "web.yaml",
          "Pod web with nodeSelector disktype: ssd",
        ),
      ];
    case "untolerated-taint":
      return [
        applyAt(
          APPLY_AT,
          pod("web", 500),
          "web.yaml",
          "Pod web without tolerations (workers are tainted dedicated=batch:NoSchedule)",
        ),
      ];
    case "pod-affinity":
      return [
        applyAt(
          6000,
          pod("cache", 200, { nodeSelector: { "kubernetes.io/hostname": "node-2" } }),
          "cache.yaml",
          "Pod cache pinned to node-2",
        ),
        applyAt(
          APPLY_AT,
          pod("web", 500, { affinity: byHost("podAffinity", "cache") }),
          "web.yaml",
          "Pod web requiring podAffinity to app=cache on the same hostname",
        ),
      ];
    case "pod-anti-affinity": {
      const tpl = template(
        { app: "web" },
        podSpec([container("web", "nginx:1.27", { cpuMilli: 200, memoryMi: 256 })], {
          affinity: byHost("podAntiAffinity", "web"),
        }),
      );
      return [
        applyAt(
          APPLY_AT,
          deploymentOf("web", replicas, tpl),
          "web.yaml",
          `Deployment web, ${replicas} replicas, required podAntiAffinity on kubernetes.io/hostname`,
        ),
      ];
    }
    case "topology-spread": {
      const tpl = template(
        { app: "web" },
        podSpec([container("web", "nginx:1.27", { cpuMilli: 200, memoryMi: 256 })], {
          topologySpreadConstraints: [spread],
        }),
      );
      return [
        applyAt(
          APPLY_AT,
          deploymentOf("web", replicas, tpl),
          "web.yaml",
          `Deployment web, ${replicas} replicas, topologySpreadConstraints maxSkew 1 on zone (DoNotSchedule)`,
        ),
      ];
    }
    case "least-allocated": {
      const fillers = fillerLoads(p).flatMap((cpu, i) =>
        cpu === 0
          ? []
          : [
              applyAt(
                6000,
                pod(`filler-${i + 1}`, cpu, { nodeSelector: { "kubernetes.io/hostname": `node-${i + 1}` } }),
                `filler-${i + 1}.yaml`,
                `Pod filler-${i + 1} (cpu ${cpu}m) pinned to node-${i + 1}`,
              ),
            ],
      );
      return [
        ...fillers,
        applyAt(
          APPLY_AT,
          pod("web", intParam(p, "podCpu")),
          "web.yaml",
          `Pod web requesting cpu ${intParam(p, "podCpu")}m`,
        ),
      ];
    }
  }
}
