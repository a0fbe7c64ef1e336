// Scenario: a rolling update of a Deployment whose pods take a few seconds to pass their readiness
// probe. `kubectl set image` to a good version rolls out within maxSurge / maxUnavailable; then a
// bad version (it crashes on start) stalls in CrashLoopBackOff while the old pods keep serving, and
// `kubectl rollout undo` brings the previous ReplicaSet back as a new revision (k8s-facts §6.1).
// maxSurge 0% with maxUnavailable 0% is what API validation refuses: that run shows the 422.
import { SMALL_SPEC } from "../cluster/spec";
import { DEFAULT_TUNING } from "../cluster/defaults";
import { resolveFenceposts, scaledValue } from "../cluster-components/controller-manager/deployment-math";
import { DEFAULT_PROGRESS_DEADLINE_SECONDS } from "../cluster-components/controller-manager/deployment-progress";
import type { Params, TraceEvent } from "../trace/types";
import { at, claim, fewestReady, first, s, select } from "./claims";
import { applyAt, container, deploymentOf, kubectlAt, podSpec, template } from "./manifests";
import { boolParam, intParam, type Plan, type ScenarioDef } from "./types";

/**
 * When each step happens. A rollout round (new pods start, pass their first readiness probe 10 s
 * in, old ones go) takes about 13 s, and surge + unavailable pods move per round; the bad release
 * gets 60 s, enough for the back-offs of 10 s, 20 s and 40 s after the first, immediate restart.
 */
function phases(p: Params): { create: number; good: number; bad: number; undo: number; end: number } {
  const [surge, unavailable] = fenceposts(p);
  const rounds = Math.ceil(intParam(p, "replicas") / Math.max(1, surge + unavailable)) + 1;
  const good = 22_000;
  const bad = good + rounds * 13_000 + 10_000;
  return { create: 3000, good, bad, undo: bad + 60_000, end: bad + 60_000 + 30_000 };
}
const BAD_IMAGE = "nginx:1.29";

function fenceposts(p: Params): [number, number] {
  return resolveFenceposts(
    `${intParam(p, "maxSurgePercent")}%`,
    `${intParam(p, "maxUnavailablePercent")}%`,
    intParam(p, "replicas"),
  );
}

/** ValidateRollingUpdateDeployment refuses both values 0 ("0%" counts as 0, whatever the replicas). */
function isRefused(p: Params): boolean {
  return intParam(p, "maxSurgePercent") === 0 && intParam(p, "maxUnavailablePercent") === 0;
}

/** How long after the refused apply `kubectl get deployments` shows that nothing was stored. */
const REFUSED_GET_AFTER_MS = 2000;

function plan(p: Params): Plan {
  const ROLL = phases(p);
  const strategy = {
    type: "RollingUpdate" as const,
    maxSurge: `${intParam(p, "maxSurgePercent")}%`,
    maxUnavailable: `${intParam(p, "maxUnavailablePercent")}%`,
  };
  const app = { readyAfterMs: 5000, exitAfterMs: null };
  const deadline = intParam(p, "progressDeadlineSeconds");
  const web = deploymentOf(
    "web",
    intParam(p, "replicas"),
    template({ app: "web" }, podSpec([container("web", "nginx:1.27", { readiness: true, app })])),
    strategy,
    deadline === DEFAULT_PROGRESS_DEADLINE_SECONDS ? undefined : deadline,
  );
  const bad = boolParam(p, "badRollout");
  const image = (at: number, tag: string) =>
    kubectlAt(at, "set-image", { kind: "deployment", name: "web", container: "web", image: tag });
  const cluster: Plan["cluster"] = {
    ...SMALL_SPEC,
    tuning: { ...DEFAULT_TUNING, crashingImages: [BAD_IMAGE] },
  };
  const apply = applyAt(
    ROLL.create,
    web,
    "web-deployment.yaml",
    `Deployment web, ${intParam(p, "replicas")} replicas, maxSurge ` +
      `${strategy.maxSurge}, maxUnavailable ${strategy.maxUnavailable}` +
      (deadline === DEFAULT_PROGRESS_DEADLINE_SECONDS ? "" : `, progressDeadlineSeconds ${deadline}`),
  );
  if (isRefused(p)) {
    const get = ROLL.create + REFUSED_GET_AFTER_MS;
    return {
      cluster,
      script: [apply, kubectlAt(get, "get", { resource: "deployments" })],
      durationMs: get + 3000,
      marks: { create: ROLL.create, get },
    };
  }
  return {
    cluster,
    script: [
      apply,
      image(ROLL.good, "nginx:1.28"),
      ...(bad ? [image(ROLL.bad, BAD_IMAGE), kubectlAt(ROLL.undo, "rollout-undo", { name: "web" })] : []),
    ],
    durationMs: bad ? ROLL.end : ROLL.bad,
    marks: { ...ROLL },
  };
}

/** The most pods the ReplicaSets were sized to at once (what maxSurge bounds), from the controller's writes. */
function maxTotal(
  events: readonly TraceEvent[],
  from: number,
  to: number,
): { max: number; at: TraceEvent | undefined } {
  const size = new Map<string, number>();
  let best = { max: 0, at: undefined as TraceEvent | undefined };
  for (const e of select(events, {
    to,
    where: (x) => x.type === "replicaset.created" || x.type === "replicaset.scaled",
  })) {
    size.set(String(e.replicaset), Number(e.replicas));
    const total = [...size.values()].reduce((a, b) => a + b, 0);
    if (e.t >= from && total > best.max) best = { max: total, at: e };
  }
  return best;
}

/**
 * A kubelet traces a readiness change when the API answers its status write; the controllers saw it a few ms before.
 */
const REPORT_LAG_MS = 5;

/** The fewest Ready, not-terminating pods at any moment in [from, to], folded from the trace. */
export function minAvailable(
  events: readonly TraceEvent[],
  from: number,
  to: number,
): { min: number; at: TraceEvent | undefined } {
  const when = (e: TraceEvent) =>
    e.type === "pod.running" || e.type === "pod.ready-changed" ? e.t - REPORT_LAG_MS : e.t;
  const ordered = select(events, { to: to + REPORT_LAG_MS, where: (e) => when(e) <= to }).sort(
    (a, b) => when(a) - when(b) || a.seq - b.seq,
  );
  return fewestReady(ordered, from, "replicaset.pod-deleted");
}

function goodClaims(p: Params, events: readonly TraceEvent[]) {
  const ROLL = phases(p);
  const n = intParam(p, "replicas");
  const [surge, unavailable] = fenceposts(p);
  const done = first(events, { type: "deployment.rollout-complete", from: ROLL.good, where: (e) => e.revision === 2 });
  const end = done?.t ?? ROLL.bad;
  const total = maxTotal(events, ROLL.good, end);
  const avail = minAvailable(events, ROLL.good, end);
  // The window these bounds hold over closes when the rollout completes (or when the next release starts).
  const close = done ?? select(events, { to: ROLL.bad }).at(-1);
  return [
    claim(
      "fenceposts",
      `For ${n} replicas, maxSurge ${intParam(p, "maxSurgePercent")}% rounds up to ${surge} and ` +
        `maxUnavailable ${intParam(p, "maxUnavailablePercent")}% rounds down to ${unavailable}` +
        (scaledValue(`${intParam(p, "maxUnavailablePercent")}%`, n, false) === 0 && surge === 0
          ? " (both zero would stall, so it becomes 1)"
          : "") +
        `: the ReplicaSets never add up to more than ${n + surge} pods.`,
      total.max <= n + surge,
      [total.at, close],
      `at most ${total.max} pods across ReplicaSets ${at(total.at)}, checked up to ${at(close)}.`,
    ),
    claim(
      "availability-floor",
      `At least ${n - unavailable} pods (replicas − maxUnavailable) stay Ready throughout the rollout.`,
      avail.min >= n - unavailable,
      [avail.at, close],
      `fewest Ready pods during the rollout: ${avail.min === Infinity ? "n/a" : avail.min} ` +
        `${at(avail.at)}, checked up to ${at(close)}.`,
    ),
    claim(
      "rollout-completes",
      "kubectl set image creates a new ReplicaSet (revision 2) that takes " +
        "over completely; the old one is scaled to 0 and kept as history.",
      done !== undefined,
      [first(events, { type: "replicaset.created", from: ROLL.good }), done],
      done ? String(done.message) : "the rollout did not complete.",
    ),
  ];
}

function badClaims(p: Params, events: readonly TraceEvent[]) {
  const ROLL = phases(p);
  const n = intParam(p, "replicas");
  const [, unavailable] = fenceposts(p);
  const backoffs = select(events, { type: "pod.back-off", from: ROLL.bad, to: ROLL.undo });
  const byPod = new Map<string, number[]>();
  for (const e of backoffs) byPod.set(String(e.pod), [...(byPod.get(String(e.pod)) ?? []), Number(e.delayMs)]);
  const [pod, delays] = [...byPod.entries()].sort((a, b) => b[1].length - a[1].length)[0] ?? ["", []];
  const doubling = delays.length >= 3 && delays.every((d, i) => d === Math.min(10_000 * 2 ** i, 300_000));
  const stuck = first(events, { type: "deployment.rollout-complete", from: ROLL.bad, to: ROLL.undo });
  const avail = minAvailable(events, ROLL.bad, ROLL.undo);
  const reused = first(events, { type: "deployment.revision", from: ROLL.undo });
  const back = first(events, {
    type: "deployment.rollout-complete",
    from: ROLL.undo,
    where: (e) => e.replicaset === reused?.replicaset,
  });
  const undo = first(events, { type: "kubectl.command", from: ROLL.undo, to: ROLL.undo });
  return [
    claim(
      "crash-loop-back-off",
      "The bad version exits right after starting; the kubelet restarts it at once, " +
        "then after 10 s, 20 s, 40 s … (CrashLoopBackOff, doubling up to 5 min).",
      doubling,
      backoffs.filter((e) => e.pod === pod),
      `back-off delays of ${pod || "one pod"}: ${delays.map((d) => `${d / 1000} s`).join(", ") || "none"}.`,
    ),
    claim(
      "rollout-stalls",
      "The rollout stalls: the new pods never become Ready, so the old ReplicaSet keeps " +
        `at least ${n - unavailable} Ready pods and the rollout never completes.`,
      stuck === undefined && avail.min >= n - unavailable,
      stuck !== undefined ? [stuck] : [avail.at, undo],
      `fewest Ready pods while stalled: ${avail.min} ${at(avail.at)}; no ` +
        `rollout completed before kubectl rollout undo ${at(undo)}.`,
    ),
    ...deadlineClaims(p, events),
    claim(
      "rollback",
      "kubectl rollout undo puts the previous template back: its ReplicaSet " +
        "is reused as the newest revision and the rollout completes.",
      reused !== undefined && back !== undefined && reused.revision === 4,
      [reused, back],
      reused ? String(reused.message) : "no revision was reused.",
    ),
  ];
}

/** Events that count as rollout progress: pods of the new ReplicaSet created or Ready, old pods removed. */
const PROGRESS = new Set([
  "replicaset.created",
  "replicaset.scaled",
  "pod.created",
  "replicaset.pod-deleted",
  "pod.running",
  "pod.ready-changed",
]);

/**
 * With a deadline shorter than the stall, the controller marks the stuck rollout failed
 * (Progressing=False, ProgressDeadlineExceeded) once that long has passed without progress, and does
 * nothing else: it neither scales nor rolls back before kubectl rollout undo.
 */
function deadlineClaims(p: Params, events: readonly TraceEvent[]) {
  const ROLL = phases(p);
  const deadlineMs = intParam(p, "progressDeadlineSeconds") * 1000;
  if (ROLL.bad + deadlineMs + 2000 >= ROLL.undo) return [];
  const exceeded = first(events, { type: "deployment.progress-deadline-exceeded", from: ROLL.bad, to: ROLL.undo });
  const since = Number(exceeded?.lastProgressMs ?? -1);
  const progress = select(events, { from: ROLL.bad, to: since, where: (e) => PROGRESS.has(e.type) }).at(-1);
  const acted = first(events, {
    from: exceeded?.t ?? ROLL.undo,
    to: ROLL.undo - 1,
    where: (e) => e.type === "replicaset.scaled" || e.type === "replicaset.created" || e.type === "deployment.revision",
  });
  const waited = exceeded === undefined ? -1 : exceeded.t - since;
  return [
    claim(
      "progress-deadline",
      `The stuck rollout is marked failed ${deadlineMs / 1000} s (progressDeadlineSeconds) ` +
        "after its last progress: Progressing=False with reason ProgressDeadlineExceeded. " +
        "That is all the controller does: nothing is scaled or rolled back.",
      exceeded !== undefined &&
        progress !== undefined &&
        waited >= deadlineMs &&
        waited <= deadlineMs + 1500 &&
        acted === undefined,
      acted === undefined ? [progress, exceeded] : [exceeded, acted],
      exceeded === undefined
        ? "the deadline was never exceeded."
        : `last progress ${at(progress)}, ProgressDeadlineExceeded ${s(waited)} later ${at(exceeded)}; ` +
            (acted === undefined
              ? "no scaling or rollback followed before kubectl rollout undo"
              : `then ${acted.type} ${at(acted)}`) +
            ".",
    ),
  ];
}

/** The text kubectl prints for the 422 (pkg/apis/apps/validation/validation.go ValidateRollingUpdateDeployment). */
export const REFUSED_TEXT =
  'The Deployment "web" is invalid: spec.strategy.rollingUpdate.maxUnavailable: ' +
  "Invalid value: 0%: may not be 0 when `maxSurge` is 0";

function refusedClaims(p: Params, events: readonly TraceEvent[]) {
  const ROLL = phases(p);
  const refusal = first(events, {
    type: "api.response",
    from: ROLL.create,
    where: (e) => e.verb === "create" && e.resource === "deployments",
  });
  const listed = first(events, {
    type: "api.response",
    from: ROLL.create + REFUSED_GET_AFTER_MS,
    where: (e) => e.verb === "list" && e.resource === "deployments",
  });
  const created = first(events, { type: "replicaset.created" });
  return [
    claim(
      "refused-by-validation",
      "A rolling update with maxSurge 0 and maxUnavailable 0 could never replace a pod, so API " +
        "validation refuses the Deployment with 422 Invalid and stores nothing: no ReplicaSet, no pods.",
      refusal?.status === 422 && refusal.error === REFUSED_TEXT && listed?.status === 200 && created === undefined,
      [refusal, listed],
      "kubectl printed: " +
        String(refusal?.error ?? "no answer to the create") +
        "; " +
        (listed === undefined ? "no list followed" : String(listed.message)) +
        (created === undefined ? "" : `; yet ${created.message}`) +
        ".",
    ),
  ];
}

export const rollingUpdate: ScenarioDef = {
  id: "rolling-update",
  title: "Rolling update and rollback",
  summary:
    "A Deployment rolls out a new image within maxSurge/maxUnavailable, then a " +
    "crashing release stalls in CrashLoopBackOff and is rolled back.",
  params: [
    {
      name: "replicas",
      type: "integer",
      label: "Replicas",
      description: "Replicas of the web Deployment.",
      default: 4,
      min: 1,
      max: 10,
    },
    {
      name: "maxSurgePercent",
      type: "integer",
      label: "maxSurge %",
      description: "`strategy.rollingUpdate.maxSurge` as a percentage (rounded up).",
      default: 25,
      min: 0,
      max: 100,
    },
    {
      name: "maxUnavailablePercent",
      type: "integer",
      label: "maxUnavailable %",
      description:
        "`strategy.rollingUpdate.maxUnavailable` as a percentage (rounded " +
        "down). 0 together with maxSurge 0 is refused by API validation.",
      default: 25,
      min: 0,
      max: 100,
    },
    {
      name: "badRollout",
      type: "boolean",
      label: "Bad release",
      description: "Then roll out a version that crashes on start, and roll it back with `kubectl rollout undo`.",
      default: true,
    },
    {
      name: "progressDeadlineSeconds",
      type: "integer",
      label: "Progress deadline",
      description:
        "`spec.progressDeadlineSeconds` of the Deployment: how long a " +
        "rollout may go without progress before it is marked failed.",
      default: 600,
      min: 10,
      max: 600,
      unit: "s",
    },
  ],
  plan,
  claims: (p, events) =>
    isRefused(p)
      ? refusedClaims(p, events)
      : [...goodClaims(p, events), ...(boolParam(p, "badRollout") ? badClaims(p, events) : [])],
};
