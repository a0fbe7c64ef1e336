// Scenario: the Cluster Autoscaler (kubernetes/autoscaler cluster-autoscaler, FAQ "How does scale-up
// work?" and "How does scale-down work?"). Two workers run a web pod (1500m) and a logger pod (200m)
// each, so a batch Deployment whose pods request more than the 300m left stays Pending: kube-scheduler
// marks its pods PodScheduled=False/Unschedulable, the autoscaler's next scan (every 10 s) binpacks
// them onto copies of the node group's template node and raises the group's size (never past its
// max); the cloud boots the machines after its provisioning delay, their kubelets register, and the
// scheduler places the pods. Then (load drop) web is scaled to one replica: a node left with only its
// logger pod requests 10% of its CPU, below the 50% threshold; once unneeded for 10 minutes (and 10
// minutes after the scale-up) the autoscaler taints it, evicts the logger through the Eviction API,
// and deletes it, unless a PodDisruptionBudget leaves no disruption to spend.
import { DEFAULT_TUNING } from "../cluster/defaults";
import { DEFAULT_ALLOCATABLE, SMALL_SPEC } from "../cluster/spec";
import type { Params, TraceEvent } from "../trace/types";
import { at, claim, first, numberOf, s, select } from "./claims";
import { applyAt, budgetOf, container, deploymentOf, kubectlAt, podSpec, template } from "./manifests";
import { boolParam, intParam, type Plan, type ScenarioDef } from "./types";

/** Existing workers and their allocatable CPU (the template of new nodes too). */
const WORKERS = 2;
const NODE_MILLI = DEFAULT_ALLOCATABLE.cpuMilli;
const WEB_MILLI = 1500;
const LOGGER_MILLI = 200;
/** When the script creates the logger, Deployment web, its budget and the batch. */
const STEPS = { logger: 4000, web: 6000, pdb: 7000, batch: 12_000 };

const plural = (k: number, w: string): string => `${k} ${w}${k === 1 ? "" : "s"}`;

/** Batch pods one template node holds (CPU is the binding resource: 128Mi each against 4096Mi). */
function perNode(p: Params): number {
  return Math.floor(NODE_MILLI / intParam(p, "podCpuMilli"));
}

/** New nodes the binpacking estimate asks for, and how many fit under the group's max size. */
function expectedNodes(p: Params): { wanted: number; granted: number; placed: number } {
  const wanted = Math.ceil(intParam(p, "pendingPods") / perNode(p));
  const granted = Math.min(wanted, intParam(p, "maxSize") - WORKERS);
  return { wanted, granted, placed: Math.min(intParam(p, "pendingPods"), granted * perNode(p)) };
}

function marks(p: Params): { batch: number; drop: number; end: number } {
  // The load drops 30 s after the machines are due (they register and take their pods within ~10 s).
  const drop = STEPS.batch + intParam(p, "provisioningSeconds") * 1000 + 30_000;
  return { batch: STEPS.batch, drop, end: drop + DEFAULT_TUNING.caUnneededMs + 100_000 };
}

function plan(p: Params): Plan {
  const m = marks(p);
  const n = intParam(p, "pendingPods");
  const cpu = intParam(p, "podCpuMilli");
  const nginx = (name: string, milli: number) =>
    template(
      { app: name },
      podSpec([
        container(name, "nginx:1.27", {
          cpuMilli: milli,
          readiness: true,
          app: { readyAfterMs: 3000, exitAfterMs: null },
        }),
      ]),
    );
  const maxSize = intParam(p, "maxSize");
  return {
    cluster: {
      ...SMALL_SPEC,
      workers: WORKERS,
      policyApi: true,
      clusterAutoscaler: {
        group: "pool",
        minSize: 1,
        maxSize,
        spare: maxSize - WORKERS,
        provisioningMs: intParam(p, "provisioningSeconds") * 1000,
      },
    },
    script: [
      applyAt(
        STEPS.logger,
        deploymentOf("logger", WORKERS, nginx("logger", LOGGER_MILLI)),
        "logger.yaml",
        `Deployment logger, ${WORKERS} replicas of ${LOGGER_MILLI}m (one lands on each node)`,
      ),
      applyAt(
        STEPS.web,
        deploymentOf("web", WORKERS, nginx("web", WEB_MILLI)),
        "web.yaml",
        `Deployment web, ${WORKERS} replicas of ${WEB_MILLI}m: each ` +
          `node is left ${NODE_MILLI - WEB_MILLI - LOGGER_MILLI}m`,
      ),
      ...(boolParam(p, "pdbBlocks")
        ? [
            applyAt(
              STEPS.pdb,
              budgetOf("logger-pdb", { app: "logger" }, { minAvailable: WORKERS }),
              "logger-pdb.yaml",
              `PodDisruptionBudget logger-pdb, minAvailable ${WORKERS}: no logger pod may be evicted`,
            ),
          ]
        : []),
      applyAt(
        m.batch,
        deploymentOf("batch", n, nginx("batch", cpu)),
        "batch.yaml",
        `Deployment batch, ${plural(n, "replica")} of ${cpu}m: more than any node has left`,
      ),
      ...(boolParam(p, "loadDrop")
        ? [
            kubectlAt(m.drop, "scale", { kind: "deployment", name: "batch", replicas: 0 }),
            kubectlAt(m.drop + 1000, "scale", { kind: "deployment", name: "web", replicas: 1 }),
          ]
        : []),
    ],
    durationMs: m.end,
    marks: m,
  };
}

const isBatch = (e: TraceEvent): boolean => String(e.pod ?? "").startsWith("batch-");
const isNew = (node: unknown): boolean => Number(String(node).replace("node-", "")) > WORKERS;

function scaleUpClaims(p: Params, events: readonly TraceEvent[]) {
  const { wanted, granted, placed } = expectedNodes(p);
  const max = intParam(p, "maxSize");
  const pending = first(events, { type: "pod.unschedulable", where: isBatch });
  const up = first(events, { type: "ca.scale-up" });
  const ups = select(events, { type: "ca.scale-up" });
  const requested = first(events, { type: "cloud.instances-requested" });
  const running = first(events, { type: "cloud.instance-running" });
  const onNew = select(events, { type: "pod.scheduled", where: (e) => isBatch(e) && isNew(e.node) });
  const provisioningMs = intParam(p, "provisioningSeconds") * 1000;
  const react = numberOf(up, "t") - numberOf(pending, "t");
  const maxed = first(events, { type: "ca.max-size-reached" });
  const top = ups.reduce((h, e) => Math.max(h, numberOf(e, "to")), WORKERS);
  const short = wanted > granted;
  return [
    claim(
      "pending-triggers-scale-up",
      "The batch pods fit on no node, so kube-scheduler marks them PodScheduled=False " +
        "(Unschedulable); within one 10 s scan the autoscaler binpacks them onto the group's " +
        `template (${perNode(p)} per 2000m node) and asks the cloud for ${plural(granted, "node")}.`,
      pending !== undefined &&
        up !== undefined &&
        requested !== undefined &&
        up.t > pending.t &&
        react <= DEFAULT_TUNING.caScanIntervalMs + 1000 &&
        numberOf(up, "delta") === granted &&
        ups.length === 1,
      [pending, up, requested],
      up === undefined
        ? "no scale-up."
        : `first pod marked unschedulable ${at(pending)}; scale-up ${s(react)} later ${at(up)}: ` +
            `${numberOf(up, "from")} → ${numberOf(up, "to")} (${numberOf(up, "pods")} pending pods, ` +
            `${numberOf(up, "delta")} new nodes)${ups.length > 1 ? `; ${ups.length} scale-ups in all` : ""}.`,
    ),
    claim(
      "pods-scheduled-on-new-node",
      `The new machines boot after the ${provisioningMs / 1000} s provisioning delay, their kubelets ` +
        `register the Nodes, and kube-scheduler places ${plural(placed, "batch pod")} on them.`,
      running !== undefined &&
        up !== undefined &&
        running.t - up.t >= provisioningMs &&
        onNew.length >= placed &&
        (onNew[0]?.t ?? 0) > running.t,
      [up, running, onNew[0], onNew.at(-1)],
      running === undefined
        ? "no instance came up."
        : `the cloud booted the first instance ${s(running.t - up!.t)} after the scale-up ${at(running)}; ` +
            `${plural(onNew.length, "batch pod")} scheduled onto new nodes, the first ${at(onNew[0])}.`,
    ),
    claim(
      "max-size-respected",
      short
        ? `The pods would need ${plural(wanted, "new node")} but the group's max size is ${max}: ` +
            `the autoscaler adds only ${granted}, and reports the ` +
            `${intParam(p, "pendingPods") - placed} pods still pending as not triggering a scale-up.`
        : `The ${plural(wanted, "new node")} the pods need fit under the ` +
            `group's max size ${max}, and the autoscaler never goes past it.`,
      top <= max &&
        (short
          ? maxed !== undefined && numberOf(maxed, "pods") === intParam(p, "pendingPods") - placed
          : maxed === undefined),
      short ? [up, maxed] : [up, events.at(-1)],
      `largest size asked for: ${top} (max ` +
        `${max})${maxed === undefined ? "" : `; ${at(maxed)} ${numberOf(maxed, "pods")} pods pending at max size`}.`,
    ),
  ];
}

function scaleDownClaim(p: Params, events: readonly TraceEvent[]) {
  const drop = boolParam(p, "loadDrop");
  const pdb = boolParam(p, "pdbBlocks");
  const unneededMs = DEFAULT_TUNING.caUnneededMs;
  const downs = select(events, { type: "ca.scale-down" });
  const lastUp = (t: number) => select(events, { type: "ca.scale-up", to: t }).at(-1);
  const early = downs.find(
    (e) =>
      numberOf(e, "unneededMs") < unneededMs ||
      numberOf(e, "t") - numberOf(lastUp(e.t), "t") < DEFAULT_TUNING.caDelayAfterAddMs,
  );
  const firstDown = downs[0];
  const marked =
    firstDown === undefined
      ? undefined
      : first(events, { type: "ca.node-unneeded", where: (e) => e.node === firstDown.node });
  const removed =
    firstDown === undefined
      ? undefined
      : first(events, { type: "ca.node-removed", where: (e) => e.node === firstDown.node });
  const must = drop;
  return claim(
    "scale-down-after-unneeded-time",
    must
      ? "After the batch work ends and web drops to one replica, the new nodes are empty and one old node " +
          "runs only its logger pod (10% of its CPU, below 50%): nodes under 50% whose pods can move are " +
          "unneeded, and only once unneeded for 10 minutes (and 10 minutes after the scale-up) does the " +
          `autoscaler drain and remove them${pdb ? " (here the logger's node stays: see the PDB claim)" : ""}.`
      : "No node is removed before it has been unneeded for 10 minutes, nor within 10 minutes of a scale-up.",
    early === undefined && (!must || (firstDown !== undefined && marked !== undefined && removed !== undefined)),
    early !== undefined
      ? [early]
      : firstDown === undefined
        ? [lastUp(Infinity), events.at(-1)]
        : [marked, firstDown, removed],
    firstDown === undefined
      ? "no scale-down in the run."
      : `${String(firstDown.node)} unneeded since ${at(marked)}; scale-down ` +
          `${s(numberOf(firstDown, "unneededMs"))} later ${at(firstDown)}; ` +
          `${removed === undefined ? "not removed" : `removed ${at(removed)}`}.`,
  );
}

function pdbClaim(events: readonly TraceEvent[]) {
  const blocked = first(events, { type: "ca.scale-down-blocked", where: (e) => e.reason === "NotEnoughPdb" });
  const removedThere =
    blocked === undefined ? undefined : first(events, { type: "ca.scale-down", where: (e) => e.node === blocked.node });
  return claim(
    "pdb-blocks-scale-down",
    "The logger's PodDisruptionBudget (minAvailable 2) allows no disruption: the node " +
      "left with only a logger pod is underutilized, but the autoscaler's removal " +
      "simulation finds its pod blocked by the PDB (NotEnoughPdb), so the node stays.",
    blocked !== undefined && removedThere === undefined,
    [blocked, removedThere ?? events.at(-1)],
    blocked === undefined
      ? "no node was reported blocked by a PDB."
      : `${String(blocked.node)} blocked by pod ${String(blocked.pod)} ${at(blocked)}; ` +
          `${removedThere === undefined ? "never removed" : `yet scaled down ${at(removedThere)}`}.`,
  );
}

export const clusterAutoscalerScenario: ScenarioDef = {
  id: "cluster-autoscaler",
  title: "Cluster Autoscaler",
  summary:
    "Pods the scheduler marks Unschedulable make the Cluster Autoscaler add nodes " +
    "(up to the group's max size); a node under 50% utilization for 10 minutes is " +
    "drained and removed, unless a PodDisruptionBudget blocks it.",
  params: [
    {
      name: "pendingPods",
      type: "integer",
      label: "Pending pods",
      description: "Replicas of the batch Deployment, none of which fits on the two full workers.",
      default: 4,
      min: 1,
      max: 8,
    },
    {
      name: "podCpuMilli",
      type: "integer",
      label: "CPU request per pod (millicores)",
      description: "Each batch pod's CPU request, in millicores; a new node has 2000m.",
      default: 600,
      min: 400,
      max: 1800,
    },
    {
      name: "provisioningSeconds",
      type: "integer",
      label: "Provisioning delay",
      description: "How long the cloud takes to boot a new machine before its kubelet registers.",
      default: 60,
      min: 30,
      max: 300,
      unit: "s",
    },
    {
      name: "maxSize",
      type: "integer",
      label: "Node group max size",
      description: "The group's `--nodes=min:max` upper bound, counting the two existing workers.",
      default: 4,
      min: 3,
      max: 5,
    },
    {
      name: "loadDrop",
      type: "boolean",
      label: "Load drop",
      description: "After the scale-up, scale web to one replica, leaving a node with only its logger pod.",
      default: true,
    },
    {
      name: "pdbBlocks",
      type: "boolean",
      label: "PDB on the logger",
      description: "A PodDisruptionBudget with minAvailable 2 covers the logger pods, so none may be evicted.",
      default: false,
      appliesWhen: { loadDrop: [true] },
    },
  ],
  plan,
  claims: (p, events) => [
    ...scaleUpClaims(p, events),
    scaleDownClaim(p, events),
    ...(boolParam(p, "loadDrop") && boolParam(p, "pdbBlocks") ? [pdbClaim(events)] : []),
  ],
};
