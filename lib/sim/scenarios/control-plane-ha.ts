// Scenario: a highly available control plane (kubeadm stacked etcd, `controlPlanes` nodes behind an
// HAProxy-style load balancer) survives three failures one after another: an API server dies, the
// active controller manager dies, and an etcd member dies within the failure tolerance.
import { SMALL_SPEC } from "../cluster/spec";
import { DEFAULT_TUNING } from "../cluster/defaults";
import { faultTolerance } from "../raft/quorum";
import type { Params, TraceEvent } from "../trace/types";
import { at, claim, first, issuedAt, responses, s, select, stoppedAt } from "./claims";
import { trafficClaim } from "./common-claims";
import { kubectlAt } from "./manifests";
import { intParam, type Plan, type ScenarioDef } from "./types";

/**
 * The cluster boots and the app starts before the first fault; the LB's first checks may fail while API servers start.
 */
const SETUP = 15_000;
const KILL_API = 40_000;
/** When, after the active controller manager dies, kubectl scale changes the Deployment. */
const SCALE_IN_GAP = 5000;

/**
 * How long the load balancer may take to mark a dead backend DOWN: `fall` failed checks, the first up to one interval
 * after the death.
 */
function detectionMaxMs(lbCheckMs: number): number {
  return (DEFAULT_TUNING.lbFall + 1) * lbCheckMs + 1000;
}

/**
 * Each phase leaves the load balancer time to notice before the next fault, and the standby controller manager time
 * to take over (its Lease expires 15 s after the last renewal, then it polls every 2 s with jitter: about 20 s).
 */
function marks(lbCheckMs: number) {
  const detect = detectionMaxMs(lbCheckMs) + 15_000;
  const killKcm = KILL_API + Math.max(35_000, detect + 10_000);
  const killEtcd = killKcm + 35_000;
  return { detect, killKcm, killEtcd, settled: killEtcd + detect };
}

function plan(p: Params): Plan {
  const n = intParam(p, "controlPlanes");
  const lbCheckMs = intParam(p, "lbCheckSeconds") * 1000;
  const m = marks(lbCheckMs);
  const gets = Array.from({ length: Math.ceil((m.detect + 6000) / 3000) }, (_, i) =>
    kubectlAt(KILL_API + 1000 + i * 3000, "get", { resource: "pods" }),
  );
  return {
    cluster: {
      ...SMALL_SPEC,
      etcdMembers: n,
      controlPlanes: n,
      webTraffic: true,
      tuning: { ...DEFAULT_TUNING, lbCheckIntervalMs: lbCheckMs },
    },
    script: [
      kubectlAt(SETUP, "apply", { name: "web", replicas: 2 }),
      { at: KILL_API, action: { type: "stop", target: `kube-apiserver-${n}` } },
      ...gets,
      { at: m.killKcm, action: { type: "stop", target: "@lease-holder:kube-controller-manager" } },
      // While no controller manager leads (a standby needs 11 s or more), so no controller can see the change happen.
      kubectlAt(m.killKcm + SCALE_IN_GAP, "scale", { name: "web", replicas: 3 }),
      { at: m.killEtcd, action: { type: "stop", target: "@etcd-member-away-from-controller-manager" } },
      // Ask only once the LB has taken the now-unready API server out of rotation: a request it still
      // routed there would wait for etcd until the 60 s request timeout.
      kubectlAt(m.settled, "scale", { name: "web", replicas: 4 }),
      kubectlAt(m.settled + 100, "get", { resource: "pods" }),
    ],
    durationMs: m.settled + 30_000,
    marks: { killApi: KILL_API, ...m },
  };
}

function apiClaims(p: Params, events: readonly TraceEvent[], pl: Plan) {
  const n = intParam(p, "controlPlanes");
  const KILL_KCM = pl.marks.killKcm!;
  const dead = `kube-apiserver-${n}`;
  const down = first(events, {
    type: "lb.backend-down",
    from: KILL_API,
    to: KILL_KCM,
    where: (e) => e.backend === dead,
  });
  const gets = responses(events, "kubectl get pods", KILL_API, KILL_KCM);
  const failedAfterDown = gets.filter((g) => g.status !== 200 && down !== undefined && issuedAt(g) > down.t);
  const okAfter = gets.filter((g) => down !== undefined && g.t > down.t && g.status === 200);
  const before = gets.filter((g) => down === undefined || issuedAt(g) <= down.t);
  const redispatched = select(events, {
    type: "lb.redispatched",
    from: KILL_API,
    to: down?.t ?? KILL_KCM,
    where: (e) => e.from === dead,
  });
  const withinMs = detectionMaxMs(intParam(p, "lbCheckSeconds") * 1000);
  return [
    claim(
      "lb-removes-dead-apiserver",
      `The load balancer's health checks mark ${dead} DOWN within ${s(withinMs)} (fall ` +
        `${DEFAULT_TUNING.lbFall} failed checks, one every ` +
        `${intParam(p, "lbCheckSeconds")} s); from then on every kubectl request succeeds.`,
      down !== undefined && down.t - KILL_API <= withinMs && failedAfterDown.length === 0 && okAfter.length > 0,
      failedAfterDown.length > 0 ? [down, ...failedAfterDown] : [down, okAfter[0], okAfter.at(-1)],
      down === undefined
        ? `${dead} was never marked DOWN.`
        : `marked DOWN after ${s(down.t - KILL_API)} ${at(down)}; ${failedAfterDown.length} ` +
            `failures afterwards, ${okAfter.length} requests answered up to ${at(okAfter.at(-1))}.`,
    ),
    claim(
      "requests-before-detection",
      "Even before that, no kubectl request fails: a connection the dead API server refuses " +
        "never reached it, so the load balancer retries it on another server (retries 1, option " +
        "redispatch), and a GET whose connection broke is sent again by client-go.",
      before.length > 0 && before.every((g) => g.status === 200),
      [...redispatched.slice(0, 2), ...before.filter((g) => g.status !== 200).slice(0, 3), before.at(-1), down],
      `${before.filter((g) => g.status === 200).length} of ${before.length} kubectl get pods sent before ${dead} ` +
        `was marked DOWN ${at(down)} succeeded; ` +
        (redispatched[0] === undefined
          ? "no connection went to it"
          : `the load balancer redispatched the connections it refused, the first ${at(redispatched[0])}`) +
        ".",
    ),
  ];
}

function kcmClaims(events: readonly TraceEvent[], pl: Plan) {
  const KILL_KCM = pl.marks.killKcm!;
  const KILL_ETCD = pl.marks.killEtcd!;
  const killed = stoppedAt(events, KILL_KCM, "kube-controller-manager");
  const takeover = first(events, {
    type: "leader-election.acquired",
    from: KILL_KCM,
    where: (e) => e.component.startsWith("kube-controller-manager"),
  });
  // its PATCH, after the GET
  const scale = responses(events, "kubectl scale deployment web --replicas=3", KILL_KCM).at(-1);
  const scaled = first(events, {
    type: "replicaset.scaled",
    from: KILL_KCM,
    to: KILL_ETCD,
    where: (e) => e.replicas === 3,
  });
  const delay = takeover === undefined ? -1 : takeover.t - KILL_KCM;
  const missed = scale?.status === 200 && takeover !== undefined && scale.t < takeover.t;
  return [
    claim(
      "standby-takes-over",
      "A standby kube-controller-manager takes over about 15 s after the leader dies (11–24 s): it waits until " +
        "it has seen no renewal of the Lease for leaseDuration (15 s) by its own clock, and polls every 2–4.4 s.",
      killed !== undefined &&
        takeover !== undefined &&
        takeover.component !== killed.component &&
        delay >= 11_000 &&
        delay <= 24_000,
      [killed, takeover],
      takeover === undefined
        ? "No standby took over."
        : `${takeover.component} took over ${s(delay)} after ${killed?.component ?? "the leader"} died.`,
    ),
    claim(
      "missed-change-reconciled",
      "kubectl scale to 3 is written while no controller manager leads, so no controller sees that change " +
        "happen; the new leader lists the current state when it starts and scales the ReplicaSet to 3 anyway. " +
        "Controllers are level-triggered: they act on the state they find, not on the events they received.",
      missed && scaled !== undefined && scaled.t > takeover.t && scaled.component === takeover.component,
      [killed, scale, takeover, scaled],
      scale === undefined
        ? "kubectl scale got no answer."
        : `Deployment scaled ${at(scale)} (HTTP ${scale.status}) ${missed ? "before" : "after"} ` +
            `${takeover?.component ?? "a standby"} took over ${at(takeover)}; ` +
            `${scaled ? `${scaled.component} scaled the ReplicaSet ${at(scaled)}` : "the ReplicaSet was not scaled"}.`,
    ),
  ];
}

function etcdClaims(p: Params, events: readonly TraceEvent[], pl: Plan) {
  const KILL_ETCD = pl.marks.killEtcd!;
  const settled = pl.marks.settled!;
  const n = intParam(p, "controlPlanes");
  const stopped = stoppedAt(events, KILL_ETCD, "etcd-");
  const host = stopped?.component.replace("etcd-", "") ?? "";
  const local = `kube-apiserver-${host}`;
  const down = first(events, { type: "lb.backend-down", from: KILL_ETCD, where: (e) => e.backend === local });
  // its PATCH, after the GET
  const scale = responses(events, "kubectl scale deployment web --replicas=4", KILL_ETCD).at(-1);
  const commit = first(events, { type: "raft.committed", from: settled });
  const elections = select(events, { type: "raft.became-leader", from: KILL_ETCD });
  const out = [
    claim(
      "writes-commit",
      `With one of ${n} etcd members down (tolerance ${faultTolerance(n)}), ` +
        "the cluster keeps a majority: writes still commit.",
      scale?.status === 200 && commit !== undefined,
      [stopped, scale, commit, ...elections],
      `kubectl scale: HTTP ${String(scale?.status)}; ${elections.length} elections after the member stopped.`,
    ),
  ];
  if (local !== `kube-apiserver-${n}`) {
    out.push(
      claim(
        "stacked-apiserver-unready",
        "In a stacked topology each API server talks only to its local etcd member, so " +
          `${local} fails its health checks and the load balancer takes it out of rotation.`,
        down !== undefined,
        [stopped, down],
        down
          ? `${local} marked DOWN ${s(down.t - KILL_ETCD)} after its etcd member stopped.`
          : `${local} stayed in rotation.`,
      ),
    );
  }
  return out;
}

export const controlPlaneHa: ScenarioDef = {
  id: "control-plane-ha",
  title: "Highly available control plane",
  summary:
    "Several control-plane nodes behind a load balancer lose an API " +
    "server, the active controller manager, then an etcd member.",
  params: [
    {
      name: "controlPlanes",
      type: "integer",
      label: "Control-plane nodes",
      description: "Nodes running kube-apiserver, the controllers and a stacked etcd member.",
      default: 3,
      min: 3,
      max: 5,
    },
    {
      name: "lbCheckSeconds",
      type: "integer",
      label: "LB check interval",
      description: "Load-balancer health-check interval (HAProxy inter; fall 3, as in kubeadm's HA guide).",
      default: 2,
      min: 1,
      max: 30,
      unit: "s",
    },
  ],
  plan,
  raftTape: true,
  claims: (p, events, pl) => [
    ...apiClaims(p, events, pl),
    ...kcmClaims(events, pl),
    ...etcdClaims(p, events, pl),
    trafficClaim(events, KILL_API, 1),
  ],
};
