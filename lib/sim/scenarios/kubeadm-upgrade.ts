// Scenario: a kubeadm cluster upgraded one minor version, the order kubeadm's upgrade guide gives
// (kubernetes.io/docs/tasks/administer-cluster/kubeadm/kubeadm-upgrade): `kubeadm upgrade plan` and
// `kubeadm upgrade apply v1.35.0` on the first control-plane node, `kubeadm upgrade node` on each
// other one, one node at a time; kubeadm replaces the static pods one by one, etcd first, waiting for
// each to come back (components/kubeadm.ts). Then each node's kubelet package, control planes first,
// each node drained before and uncordoned after, workers through the Eviction API (kubectl drain,
// as in node-drain). The version-skew policy (kubernetes.io/releases/version-skew-policy) holds at
// every moment, and the learner's mistake of skipping a minor is refused by kubeadm's version policy.
import { SMALL_SPEC } from "../cluster/spec";
import { API_SERVER_VERSION } from "../cluster/version-skew";
import type { Params } from "../trace/types";
import { applyAt, container, deploymentOf, kubectlAt, podSpec, template } from "./manifests";
import { upgradeClaims } from "./kubeadm-upgrade-claims";
import { boolParam, intParam, type Plan, type ScenarioDef, type ScriptItem } from "./types";

/** The cluster's version before the upgrade, by minor: a patch release as a real cluster would run. */
const FROM_VERSIONS: Record<number, string> = { 33: "v1.33.7", 34: "v1.34.3" };
const REPLICAS = 2;
const APPLY = 16_000;
/** Time allowed per control-plane node: four static pods replaced one after another take about 6 s. */
const CP_STEP_MS = 10_000;
/**
 * Time a worker's drain is given: without a PodDisruptionBudget every eviction is granted at once (node-drain shows one
 * that makes them wait).
 */
const WORKER_DRAIN_MS = 4000;

function fromVersion(p: Params): string {
  return FROM_VERSIONS[intParam(p, "fromMinor")]!;
}

type NodeStep = { node: string; drain: number; install: number; uncordon: number };

/** The learner's mistake (kubeletFirst): node-1's kubelet upgraded before the control plane, from this moment. */
const EARLY_MS = 12_000;

/** When `kubeadm upgrade apply` runs: later when a kubelet is upgraded first. Pure. */
function kubeadmApplyAt(p: Params): number {
  return boolParam(p, "kubeletFirst") ? EARLY_MS + WORKER_DRAIN_MS + 14_000 : APPLY;
}

function stepAt(node: string, t: number): NodeStep {
  const drainMs = node.startsWith("cp-") ? 2000 : WORKER_DRAIN_MS;
  return { node, drain: t, install: t + drainMs, uncordon: t + drainMs + 7000 };
}

/** When each node's kubelet is upgraded: control planes first, then the workers, one node at a time. Pure. */
function nodeSteps(p: Params): NodeStep[] {
  const n = intParam(p, "controlPlanes");
  const steps: NodeStep[] = [];
  let t = kubeadmApplyAt(p) + n * CP_STEP_MS;
  const workers = boolParam(p, "kubeletFirst") ? ["node-2"] : ["node-1", "node-2"];
  for (const node of [...Array.from({ length: n }, (_, i) => `cp-${i + 1}`), ...workers]) {
    const step = stepAt(node, t);
    steps.push(step);
    t = step.uncordon + 2000;
  }
  return steps;
}

function kubeletUpgrade(s: NodeStep): ScriptItem[] {
  const kubelet = `kubelet/${s.node}`;
  return [
    kubectlAt(s.drain, "drain", { node: s.node, ignoreDaemonsets: true }),
    {
      at: s.install,
      action: {
        type: "command",
        target: kubelet,
        command: { name: "install-kubelet", args: { version: API_SERVER_VERSION } },
      },
    },
    { at: s.install + 2000, action: { type: "stop", target: kubelet } },
    { at: s.install + 5000, action: { type: "start", target: kubelet } },
    kubectlAt(s.uncordon, "uncordon", { node: s.node }),
  ];
}

/** kubectl get pods every 4 s while the control plane is upgraded: does the API answer? */
const POLL_MS = 4000;

function plan(p: Params): Plan {
  const n = intParam(p, "controlPlanes");
  const refused = intParam(p, "fromMinor") !== 34;
  const apply = kubeadmApplyAt(p);
  const cpDone = apply + n * CP_STEP_MS;
  const early = boolParam(p, "kubeletFirst") ? stepAt("node-1", EARLY_MS) : null;
  const steps = refused ? [] : nodeSteps(p);
  const end = refused ? apply + 10_000 : steps.at(-1)!.uncordon + 6000;
  const web = deploymentOf(
    "web",
    REPLICAS,
    template(
      { app: "web" },
      podSpec([container("web", "nginx:1.27", { readiness: true, app: { readyAfterMs: 3000, exitAfterMs: null } })]),
    ),
  );
  const kubeadm = (at: number, node: string, name: string, args: Record<string, string> = {}): ScriptItem => ({
    at,
    action: { type: "command", target: `kubeadm/${node}`, command: { name, args } },
  });
  const polls = refused
    ? []
    : Array.from({ length: Math.floor((cpDone - apply) / POLL_MS) }, (_, i) =>
        kubectlAt(apply + i * POLL_MS + 500, "get", { resource: "pods" }),
      );
  return {
    cluster: {
      ...SMALL_SPEC,
      etcdMembers: n,
      controlPlanes: n,
      policyApi: true,
      kubeletVersion: fromVersion(p),
      kubeadm: { clusterVersion: fromVersion(p) },
    },
    script: [
      applyAt(2500, web, "web-deployment.yaml", `Deployment web, ${REPLICAS} replicas, readiness probe`),
      ...(early === null ? [] : kubeletUpgrade(early)),
      kubeadm(apply - 2000, "cp-1", "upgrade-plan"),
      kubeadm(apply, "cp-1", "upgrade-apply", { version: API_SERVER_VERSION }),
      ...(refused
        ? []
        : Array.from({ length: n - 1 }, (_, i) =>
            kubeadm(apply + (i + 1) * CP_STEP_MS, `cp-${i + 2}`, "upgrade-node", { version: API_SERVER_VERSION }),
          )),
      ...polls,
      ...steps.flatMap(kubeletUpgrade),
      ...(refused ? [] : [kubectlAt(end - 3000, "get", { resource: "nodes" })]),
    ],
    durationMs: end,
    marks: {
      apply,
      controlPlaneDone: cpDone,
      ...(refused ? {} : { kubelets: cpDone }),
      ...(early === null ? {} : { kubeletFirst: early.drain }),
    },
  };
}

export const kubeadmUpgrade: ScenarioDef = {
  id: "kubeadm-upgrade",
  title: "Upgrade a kubeadm cluster",
  summary:
    "`kubeadm upgrade apply` then `kubeadm upgrade node` replace the control " +
    "plane's static pods one node, one component at a time; then each kubelet, " +
    "node by node, drained first. The version-skew policy holds throughout.",
  params: [
    {
      name: "controlPlanes",
      type: "enum",
      label: "Control planes",
      description:
        "Control-plane nodes, each with a stacked etcd member. With three, a load balancer fronts the API servers.",
      default: 3,
      options: [
        { value: 1, label: "1 (no HA)" },
        { value: 3, label: "3 (HA)" },
      ],
    },
    {
      name: "fromMinor",
      type: "enum",
      label: "Cluster version",
      description: `The version the cluster runs before \`kubeadm upgrade apply ${API_SERVER_VERSION}\`.`,
      default: 34,
      options: [
        { value: 34, label: `${FROM_VERSIONS[34]} (one minor behind)` },
        { value: 33, label: `${FROM_VERSIONS[33]} (skips a minor)` },
      ],
    },
    {
      name: "kubeletFirst",
      type: "boolean",
      label: "Upgrade a kubelet first",
      description:
        `The mistake: node-1's kubelet is upgraded to ${API_SERVER_VERSION} before ` +
        "the control plane, so it is newer than the API servers for a while.",
      default: false,
    },
  ],
  plan,
  claims: upgradeClaims,
};
