// Scenario: every etcd member goes down for `outageSeconds`, then comes back. During the outage the
// API server cannot read or write (requests wait for an etcd connection until the 60 s request
// timeout), leader-elected controllers lose their Leases and exit, the kubelet restarts kube-apiserver
// when its liveness probe has failed for ~80 s, and running pods keep serving. Afterwards everything
// recovers by itself, and no node is marked unhealthy and no pod evicted.
import { DEFAULT_TUNING } from "../cluster/defaults";
import type { Params, TraceEvent } from "../trace/types";
import { at, claim, end, first, responses, s, select, stoppedAt } from "./claims";
import { trafficClaim } from "./common-claims";
import { etcdLossPlan, MEMBERS_PARAM } from "./etcd-loss";
import { kubectlAt } from "./manifests";
import { intParam, type Plan, type ScenarioDef } from "./types";

const FAULT = 20_000;
const T = DEFAULT_TUNING;

/**
 * From this outage length on, the kubelet may have killed kube-apiserver twice (liveness, then the
 * restarted process's startup probe: kubeadm's 8 x 10 s and 24 x 10 s, each after a 10 s initial
 * delay), so when etcd returns the kubelet can be waiting out a CrashLoopBackOff delay before the next
 * start (pkg/kubelet/kuberuntime/kuberuntime_manager.go doBackOff: 10 s doubling, capped at
 * MaxContainerBackOff, 5 min). The API is then checked only after the cap has passed.
 */
const BACKOFF_PENDING_MS =
  2 * T.probeInitialDelayMs + T.livenessPeriodMs * (T.livenessFailureThreshold + T.startupFailureThreshold);

/** When the API is checked after etcd returns: 30 s, or 30 s past the longest back-off that can be pending. */
function checkDelayMs(outageMs: number): number {
  return 30_000 + (outageMs >= BACKOFF_PENDING_MS ? T.crashLoopMaxMs : 0);
}

/**
 * How long a restarted etcd may take to elect a leader: a member fast-forwards its election clock at
 * start once more than one peer is connected, or alone (etcd server.go adjustTicks), so it campaigns
 * within a tick or two. A two-member cluster never has two peers: each member waits a whole randomized
 * election timeout (raft: [1x, 2x)), and a split vote costs another.
 */
function leaderBoundMs(members: number): number {
  return members === 2 ? 2 * 2 * T.etcdElectionMs : 3000;
}

function plan(p: Params): Plan {
  const members = intParam(p, "members");
  const outage = intParam(p, "outageSeconds") * 1000;
  const recover = FAULT + outage;
  const check = recover + checkDelayMs(outage);
  const ids = Array.from({ length: members }, (_, i) => `etcd-${i + 1}`);
  return etcdLossPlan(
    members,
    [
      ...ids.map((id) => ({ at: FAULT, action: { type: "stop" as const, target: id } })),
      kubectlAt(FAULT + 5000, "get", { resource: "pods" }),
      ...ids.map((id) => ({ at: recover, action: { type: "start" as const, target: id } })),
    ],
    check,
    { durationMs: check + 60_000, marks: { fault: FAULT, recover } },
  );
}

function claims(p: Params, events: readonly TraceEvent[], pl: Plan) {
  const outage = intParam(p, "outageSeconds") * 1000;
  const recover = pl.marks.recover!;
  const check = recover + checkDelayMs(outage);
  const members = intParam(p, "members");
  const lat = (e: TraceEvent | undefined) => (typeof e?.latencyMs === "number" ? e.latencyMs : -1);
  const during = responses(events, "kubectl get pods", FAULT, recover)[0];
  const after = responses(events, "kubectl get pods", recover + 1)[0];
  const serving = first(events, { type: "apiserver.cache-ready", from: recover });
  const scale = responses(events, "kubectl scale", recover).at(-1); // its PATCH, after the GET
  const leader = first(events, { type: "raft.became-leader", from: recover });
  const kcmLost = first(events, {
    type: "leader-election.lost",
    component: "kube-controller-manager-1",
    from: FAULT,
    to: recover,
  });
  const schedLost = first(events, {
    type: "leader-election.lost",
    component: "kube-scheduler-1",
    from: FAULT,
    to: recover,
  });
  const reacquired = first(events, {
    type: "leader-election.acquired",
    component: "kube-controller-manager-1",
    from: recover,
  });
  const killed = first(events, { type: "kubelet.probe-failed", from: FAULT, to: recover + 10_000 });
  const stopped = stoppedAt(events, FAULT, "etcd-");
  const evictions = select(events, {
    from: FAULT,
    where: (e) =>
      e.type === "pod.evicted" ||
      (e.type === "node.ready-changed" && e.status === "Unknown") ||
      (e.type === "pod.created" && e.t < check),
  });
  const out = [];
  if (outage >= 20_000) {
    out.push(
      claim(
        "leases-lost",
        "kube-controller-manager and kube-scheduler cannot renew their Leases; about 10–12 s into " +
          "the outage they give up leadership and exit, so no controller or scheduler runs.",
        kcmLost !== undefined &&
          schedLost !== undefined &&
          kcmLost.t - FAULT <= 15_000 &&
          schedLost.t - FAULT <= 15_000,
        [kcmLost, schedLost],
        `controller manager: ${kcmLost ? s(kcmLost.t - FAULT) : "kept its Lease"}; ` +
          `scheduler: ${schedLost ? s(schedLost.t - FAULT) : "kept its Lease"}.`,
      ),
      claim(
        "controllers-resume",
        "The restarted controller manager acquires its Lease again once the API works.",
        reacquired !== undefined,
        [reacquired],
        reacquired ? `acquired ${s(reacquired.t - recover)} after etcd returned.` : "never re-acquired.",
      ),
    );
  }
  out.push(
    claim(
      "reads-fail",
      outage >= 70_000
        ? "While etcd is down, kubectl get pods cannot be answered: it fails after the API server's " +
            "60 s request timeout (or the connection is refused while the API server restarts)."
        : "While etcd is down, kubectl get pods waits for etcd; it is answered only after etcd is back.",
      during !== undefined && (outage >= 70_000 ? during.status !== 200 : during.t >= recover),
      [during],
      during === undefined ? "kubectl got no answer." : `HTTP ${during.status} after ${s(lat(during))}.`,
    ),
    trafficClaim(events, FAULT, 2, recover + 30_000),
    claim(
      "leader-after",
      members === 2
        ? "When the members come back they elect a leader within about 4 s: a two-member etcd never has " +
            "two peers connected, so it cannot fast-forward its election clock at start; a member campaigns " +
            "after a whole randomized election timeout (1–2 s), and a split vote costs another."
        : "When the members come back they elect a leader within about 2 s.",
      leader !== undefined && leader.t - recover <= leaderBoundMs(members),
      [leader],
      leader
        ? `${leader.component} became leader ${s(leader.t - recover)} after the restart.`
        : "No leader was elected.",
    ),
    claim(
      "api-recovers",
      outage >= BACKOFF_PENDING_MS
        ? "The API recovers by itself, though not always at once: the kubelet has restarted kube-apiserver " +
            "more than once, so when etcd returns it may be waiting out a CrashLoopBackOff delay (10 s doubling, " +
            "capped at 5 min). 5½ min after etcd returns, kubectl get pods and kubectl scale succeed."
        : "The API recovers by itself: 30 s after etcd returns, kubectl get pods and kubectl scale succeed.",
      after?.status === 200 && scale?.status === 200,
      [serving, after, scale],
      "kube-apiserver " +
        `${serving ? `serving again ${s(serving.t - recover)} after etcd returned` : "not serving again"}; get: ` +
        `HTTP ${String(after?.status)}, scale: HTTP ${String(scale?.status)}.`,
    ),
    claim(
      "no-mass-eviction",
      "No node is marked unhealthy and no pod is evicted or replaced because of the " +
        "outage: the new controller manager gives every node a fresh grace period.",
      evictions.length === 0,
      evictions.length > 0 ? evictions : [stopped, reacquired, end(events)],
      `${evictions.length} node-unhealthy, eviction or replacement events between the ` +
        `outage ${at(stopped)} and the end of the run ` +
        `${at(end(events))}${reacquired ? `; the restarted controller manager has led since ${at(reacquired)}` : ""}.`,
    ),
  );
  if (outage >= 100_000) {
    out.push(
      claim(
        "apiserver-restarted",
        "About 70–80 s into the outage the kubelet restarts kube-apiserver: its liveness " +
          "probe (/livez, which checks etcd) runs every 10 s and failed 8 times in a row.",
        killed !== undefined && killed.t - FAULT >= 65_000 && killed.t - FAULT <= 95_000,
        [killed],
        killed ? `liveness kill ${s(killed.t - FAULT)} into the outage.` : "kube-apiserver was never restarted.",
      ),
    );
  }
  return out;
}

export const etcdOutage: ScenarioDef = {
  id: "etcd-outage",
  title: "etcd is down",
  summary: "Every etcd member goes down, then comes back: what fails, for how long, and what recovers by itself?",
  params: [
    MEMBERS_PARAM,
    {
      name: "outageSeconds",
      type: "integer",
      label: "Outage length",
      description: "How long every member stays down, from t = 20 s.",
      default: 120,
      min: 10,
      max: 600,
      unit: "s",
    },
  ],
  plan,
  raftTape: true,
  claims,
};
