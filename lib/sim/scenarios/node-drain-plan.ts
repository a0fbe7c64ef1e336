// The node-drain scenario's plan: Deployment web and its PodDisruptionBudget, then kubectl drain, the
// kubelet upgrade and kubectl uncordon at the moments phases() gives; the budget's figures the claims check.
import { SMALL_SPEC } from "../cluster/spec";
import type { Params } from "../trace/types";
import { applyAt, budgetOf, container, deploymentOf, kubectlAt, podSpec, template } from "./manifests";
import { intParam, type Plan, type ScriptItem } from "./types";

export const OLD_KUBELET = "v1.32.4";
const DRAIN = 30_000;
export const DRAIN_TIMEOUT_S = 60;
/**
 * Time allowed per pod of the drained node: a replacement round (the 5 s retry, scheduling, start, the first passing
 * readiness probe 10 s in) takes 11-16 s.
 */
const ROUND_MS = 15_000;

type Budget = { kind: "none" } | { kind: "minAvailable"; value: number } | { kind: "maxUnavailable"; value: number };

function budgetOfParams(p: Params): Budget {
  const kind = intParam(p, "budget");
  if (kind === 1) return { kind: "minAvailable", value: intParam(p, "minAvailable") };
  if (kind === 2) return { kind: "maxUnavailable", value: intParam(p, "maxUnavailable") };
  return { kind: "none" };
}

/** The disruptions the budget allows while all replicas are Ready (disruption.go: currentHealthy − desiredHealthy). */
export function allowedAtRest(p: Params): number {
  const b = budgetOfParams(p);
  const n = intParam(p, "replicas");
  if (b.kind === "none") return Infinity;
  return b.kind === "minAvailable" ? Math.max(0, n - b.value) : Math.min(n, b.value);
}

/** The fewest Ready pods the budget demands (desiredHealthy); 0 without one. */
export function floorOf(p: Params): number {
  const b = budgetOfParams(p);
  const n = intParam(p, "replicas");
  return b.kind === "none" ? 0 : b.kind === "minAvailable" ? b.value : Math.max(0, n - b.value);
}

export function versionOf(p: Params): string {
  return `v1.${intParam(p, "kubeletMinor")}.0`;
}

export function phases(p: Params): { drain: number; upgrade: number | null; uncordon: number; end: number } {
  if (allowedAtRest(p) === 0)
    return {
      drain: DRAIN,
      upgrade: null,
      uncordon: DRAIN + (DRAIN_TIMEOUT_S + 10) * 1000,
      end: DRAIN + (DRAIN_TIMEOUT_S + 25) * 1000,
    };
  const upgrade = DRAIN + ROUND_MS * intParam(p, "replicas") + 10_000;
  return { drain: DRAIN, upgrade, uncordon: upgrade + 25_000, end: upgrade + 40_000 };
}

export function plan(p: Params): Plan {
  const P = phases(p);
  const n = intParam(p, "replicas");
  const b = budgetOfParams(p);
  const web = deploymentOf(
    "web",
    n,
    template(
      { app: "web" },
      podSpec([container("web", "nginx:1.27", { readiness: true, app: { readyAfterMs: 3000, exitAfterMs: null } })]),
    ),
  );
  const kubelet = "@kubelet-of-drained-node";
  const upgrade: ScriptItem[] =
    P.upgrade === null
      ? []
      : [
          {
            at: P.upgrade,
            action: {
              type: "command",
              target: kubelet,
              command: { name: "install-kubelet", args: { version: versionOf(p) } },
            },
          },
          { at: P.upgrade + 2000, action: { type: "stop", target: kubelet } },
          { at: P.upgrade + 5000, action: { type: "start", target: kubelet } },
          kubectlAt(P.upgrade + 15_000, "get", { resource: "nodes" }),
        ];
  return {
    cluster: {
      ...SMALL_SPEC,
      workers: intParam(p, "workers"),
      policyApi: true,
      kubeletVersion: OLD_KUBELET,
    },
    script: [
      applyAt(2500, web, "web-deployment.yaml", `Deployment web, ${n} replicas, readiness probe`),
      ...(b.kind === "none"
        ? []
        : [
            applyAt(
              4000,
              budgetOf(
                "web-pdb",
                { app: "web" },
                b.kind === "minAvailable" ? { minAvailable: b.value } : { maxUnavailable: b.value },
              ),
              "web-pdb.yaml",
              `PodDisruptionBudget web-pdb, ${b.kind} ${b.value}`,
            ),
          ]),
      kubectlAt(P.drain, "drain", {
        node: "@busiest-worker",
        ignoreDaemonsets: true,
        ...(P.upgrade === null ? { timeoutSeconds: DRAIN_TIMEOUT_S } : {}),
      }),
      ...upgrade,
      kubectlAt(P.uncordon, "uncordon", { node: "@drained" }),
    ],
    durationMs: P.end,
    marks: { drain: P.drain, ...(P.upgrade === null ? {} : { upgrade: P.upgrade }), uncordon: P.uncordon },
  };
}
