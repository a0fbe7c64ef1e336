// Scenario: an external etcd cluster loses `down` of its `members` (the leader first). With a
// majority left, a new leader is elected in about two seconds and nothing else happens. Without one
// there is no leader (PreVote keeps the survivors' terms from climbing), writes fail with "context
// deadline exceeded" after etcd's 7 s request timeout, quorum reads (kubectl get, and the GET that
// kubectl scale sends before its PATCH) hang until the API server's 60 s timeout, watches are cut
// after ~3 s, and the workloads already running keep serving.
import { DEFAULT_TUNING } from "../cluster/defaults";
import type { Action } from "../core/types";
import { majority } from "../raft/quorum";
import type { Params, TraceEvent } from "../trace/types";
import { at, claim, end, first, responses, s, select } from "./claims";
import { etcdLossPlan, MEMBERS_PARAM } from "./etcd-loss";
import { intParam, type Plan, type ScenarioDef } from "./types";
import { trafficClaim } from "./common-claims";
import { ETCD_ERR } from "../etcd/protocol";

const FAULT = 20_000;
const CHECK = 30_000;

function plan(p: Params): Plan {
  const members = intParam(p, "members");
  const down = intParam(p, "down");
  const stops: Action[] = Array.from({ length: down }, (_, i) => ({
    type: "stop",
    target: i === 0 ? "@etcd-leader" : "@etcd-follower",
  }));
  return etcdLossPlan(
    members,
    stops.map((action) => ({ at: FAULT, action })),
    CHECK,
    { durationMs: CHECK + DEFAULT_TUNING.apiRequestTimeoutMs + 10_000, marks: { fault: FAULT, check: CHECK } },
  );
}

function lostClaims(p: Params, events: readonly TraceEvent[]) {
  const members = intParam(p, "members");
  const down = intParam(p, "down");
  const up = members - down;
  const leaders = select(events, { type: "raft.became-leader", from: FAULT + 1 });
  const campaigns = select(events, { type: "raft.became-pre-candidate", from: FAULT + 1 });
  const repeats = select(events, { type: "raft.campaign-repeated", from: FAULT + 1 });
  const attempts = Math.max(campaigns.length, ...repeats.map((e) => (typeof e.attempts === "number" ? e.attempts : 0)));
  const scales = responses(events, "kubectl scale", CHECK);
  const scale = scales[0];
  const get = responses(events, "kubectl get pods", CHECK)[0];
  const commits = select(events, { type: "raft.committed", from: FAULT + 1 });
  const fault = first(events, { type: "process.crashed", from: FAULT, to: FAULT });
  const last = end(events);
  // The latest failed PreVote the trace reports (every 10th of a streak), else the first of it; with no member left,
  // the end.
  const lastTry = repeats.at(-1) ?? campaigns.at(-1) ?? last;
  const lat = (e: TraceEvent | undefined) => (typeof e?.latencyMs === "number" ? e.latencyMs : -1);
  const out = [
    claim(
      "no-leader",
      `With ${down} of ${members} members down there is no etcd leader: ` +
        (up === 0
          ? "no member is running"
          : `the ${up} remaining member(s) cannot win an election without a majority of ${majority(members)}`) +
        ".",
      leaders.length === 0 && (up === 0 || campaigns.length > 0),
      leaders.length > 0 ? leaders : [fault, campaigns[0], lastTry],
      `${leaders.length} leader elections between the fault ${at(fault)} and ` +
        `${up === 0 ? "the end" : "the last failed PreVote reported"} ${at(lastTry)}; at least ` +
        `${attempts} pre-vote attempts that could not reach a majority, and no term increase.`,
    ),
    claim(
      "scale-hangs",
      "kubectl scale never gets to write: it first GETs the Deployment, a quorum read that etcd cannot " +
        "serve, so it fails with 504 after the API server's 60 s request timeout and sends no PATCH.",
      scales.length === 1 &&
        scale?.verb === "get" &&
        scale.status === 504 &&
        lat(scale) >= 60_000 &&
        lat(scale) <= 61_000,
      scales.length === 0 ? [fault, last] : scales,
      scale === undefined
        ? "kubectl scale got no answer within the run."
        : `kubectl scale: ${scales.length} response(s); the first, to its ${String(scale.verb).toUpperCase()}, ` +
            `HTTP ${scale.status} after ${s(lat(scale))}: ${String(scale.error)}`,
    ),
    claim(
      "no-commits",
      "No entry is committed while quorum is lost.",
      commits.length === 0,
      commits.length > 0 ? commits : [fault, last],
      `${commits.length} entries committed between the fault ${at(fault)} and the end of the run ${at(last)}.`,
    ),
    claim(
      "reads-fail",
      "kubectl get pods hangs: it needs a quorum read (a consistent list) that etcd " +
        "cannot serve, so it fails with 504 after the API server's 60 s request timeout.",
      get !== undefined && get.status === 504 && lat(get) >= 60_000 && lat(get) <= 61_000,
      [get],
      get === undefined
        ? "kubectl get pods got no answer."
        : `kubectl get pods: HTTP ${get.status} after ${s(lat(get))}.`,
    ),
  ];
  if (up > 0) {
    const renewals = select(events, { type: "kubelet.lease-renew-failed", from: FAULT });
    const deadline = renewals.filter(
      (e) => e.error === `rpc error: code = DeadlineExceeded desc = ${ETCD_ERR.proposeDeadline}`,
    );
    out.push(
      claim(
        "writes-fail",
        "Writes fail: a member without a leader takes no proposal, so a write waits out etcd's 7 s request " +
          'timeout and the API server answers 500 "rpc error: code = DeadlineExceeded desc = context deadline ' +
          'exceeded" (not "etcdserver: request timed out"), as the kubelets\' node Lease renewals show.',
        renewals.length > 0 && deadline.length === renewals.length,
        renewals.length === 0 ? [fault, last] : renewals.slice(0, 3),
        `${renewals.length} node Lease renewal(s) failed after the fault, ` +
          `${deadline.length} of them with "context deadline exceeded"` +
          (renewals[0] === undefined ? "" : `; the first ${at(renewals[0])}: ${String(renewals[0].error)}`) +
          ".",
      ),
    );
    const reinit = select(events, { type: "apiserver.cache-reinitializing", from: FAULT, to: FAULT + 10_000 });
    const cancel = first(events, { type: "etcd.watches-cancelled", from: FAULT });
    out.push(
      claim(
        "watches-cut",
        "About 3 s after losing its leader, etcd cancels the API server's watches, " +
          "so the watch cache re-initializes and clients' watches are closed.",
        cancel !== undefined && reinit.length > 0 && cancel.t - FAULT >= 3000 && cancel.t - FAULT <= 6000,
        [cancel, ...reinit.slice(0, 2)],
        cancel === undefined
          ? "etcd never cancelled the watches."
          : `etcd cancelled the watches ${s(cancel.t - FAULT)} after the fault.`,
      ),
    );
  }
  const lost = first(events, { type: "leader-election.lost", component: "kube-controller-manager-1", from: FAULT });
  out.push(
    claim(
      "kcm-exits",
      "kube-controller-manager cannot renew its Lease, gives up leadership about " +
        "10–12 s after the fault and exits; no controller runs until etcd recovers.",
      lost !== undefined && lost.t - FAULT >= 9000 && lost.t - FAULT <= 15_000,
      [lost],
      lost === undefined
        ? "kube-controller-manager kept its Lease."
        : `leadership lost ${s(lost.t - FAULT)} after the fault.`,
    ),
  );
  return out;
}

function healthyClaims(p: Params, events: readonly TraceEvent[]) {
  const members = intParam(p, "members");
  const down = intParam(p, "down");
  const leader = first(events, { type: "raft.became-leader", from: FAULT + 1 });
  const scale = responses(events, "kubectl scale", CHECK).at(-1); // its PATCH, after the GET
  const get = responses(events, "kubectl get pods", CHECK)[0];
  const third = first(events, { type: "pod.running", from: CHECK });
  return [
    down === 0
      ? claim(
          "leader",
          "With every member up the leader keeps its role: no election happens.",
          leader === undefined,
          leader === undefined ? [first(events, { type: "raft.became-leader" }), end(events)] : [leader],
          leader === undefined
            ? `The only election is the first one ${at(first(events, { type: "raft.became-leader" }))}; ` +
                `none follows up to the end of the run ${at(end(events))}.`
            : "An unexpected election happened.",
        )
      : claim(
          "leader",
          `With ${down} of ${members} members down a majority (${majority(members)}) ` +
            "remains, so a new leader is elected within about 2 s.",
          leader !== undefined && leader.t - FAULT <= 3000,
          [leader],
          leader === undefined
            ? "No new leader was elected."
            : `${leader.component} became leader ${s(leader.t - FAULT)} after the old leader stopped.`,
        ),
    claim(
      "writes-commit",
      "Writes commit: kubectl scale succeeds.",
      scale?.verb === "patch" && scale.status === 200,
      [scale],
      `kubectl scale: HTTP ${String(scale?.status)}.`,
    ),
    claim(
      "reads-work",
      "kubectl get pods succeeds.",
      get?.status === 200,
      [get],
      `kubectl get pods: HTTP ${String(get?.status)}.`,
    ),
    claim(
      "scaled",
      "The controllers keep working: a third replica is created and starts.",
      third !== undefined,
      [third],
      third === undefined ? "No new pod started." : `${String(third.pod)} started.`,
    ),
  ];
}

export const etcdQuorumLoss: ScenarioDef = {
  id: "etcd-quorum-loss",
  title: "etcd loses members",
  summary:
    "Stop some etcd members (the leader first): is there a leader, do " +
    "writes commit, what do reads and kubectl see, do pods keep serving?",
  params: [
    MEMBERS_PARAM,
    {
      name: "down",
      type: "integer",
      label: "Members down",
      description: "Members stopped at t = 20 s, the current leader first.",
      default: 2,
      min: 0,
      max: 7,
      maxFrom: "members",
    },
  ],
  plan,
  raftTape: true,
  claims: (p, events) => {
    const members = intParam(p, "members");
    const lost = members - intParam(p, "down") < majority(members);
    return [...(lost ? lostClaims(p, events) : healthyClaims(p, events)), trafficClaim(events, FAULT, 2)];
  },
};
