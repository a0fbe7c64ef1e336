// "An API server behind the load balancer stops at t: how long until the load balancer stops sending it
// requests?" A fault-based question on control-plane-ha: the generator stops kube-apiserver-1 before
// the scenario's own faults, and the answer is when the load balancer marks it DOWN (HAProxy's
// `inter` health-check interval times `fall` failed checks, the first up to an interval after the
// stop), read from the run.
import { DEFAULT_TUNING } from "../cluster/defaults";
import { first, select } from "../scenarios/claims";
import type { Fault } from "../faults/schema";
import { pick, question, replayOf, rngFor, sec } from "./draw";
import type { GeneratedQuestion } from "./types";

const TARGET = "kube-apiserver-1";

function choices(intervalS: number, fall: number): string[] {
  return [
    `Under ${intervalS} s: at its next health check.`,
    `Between ${intervalS} and ${(fall - 1) * intervalS} s.`,
    `Between ${(fall - 1) * intervalS} and ${(fall + 1) * intervalS} s: after ${fall} failed checks in a row.`,
    `More than ${(fall + 1) * intervalS} s.`,
    "Never: it keeps its share of the requests until it is started again.",
  ];
}

function answerIndex(delayMs: number | null, intervalS: number, fall: number): number {
  if (delayMs === null) return 4;
  const bounds = [intervalS, (fall - 1) * intervalS, (fall + 1) * intervalS].map((x) => x * 1000);
  const i = bounds.findIndex((b) => delayMs < b);
  return i < 0 ? 3 : i;
}

/** Pure: same seed, same question. */
export function apiserverBehindLb(seed: number): GeneratedQuestion {
  const rng = rngFor("apiserver-behind-lb", seed);
  const lbCheckSeconds = pick(rng, [1, 2, 3, 5]);
  const atMs = pick(rng, [20_000, 22_000, 25_000]);
  const params = { controlPlanes: 3, lbCheckSeconds };
  const faults: Fault[] = [{ atMs, kind: "stop", target: TARGET }];
  const trace = replayOf("control-plane-ha", params, seed, faults);
  const down = first(trace.events, { type: "lb.backend-down", from: atMs, where: (e) => e.backend === TARGET });
  const retried = select(trace.events, {
    type: "lb.redispatched",
    from: atMs,
    to: down?.t ?? atMs,
    where: (e) => e.message.startsWith(TARGET),
  });
  const fall = DEFAULT_TUNING.lbFall;
  const labels = choices(lbCheckSeconds, fall);
  const delay = down === undefined ? null : down.t - atMs;
  return question(
    {
      kind: "apiserver-behind-lb",
      seed,
      prompt:
        "Three control-plane nodes run kube-apiserver behind an HAProxy load balancer that health-checks each " +
        `one (GET /healthz) every **${lbCheckSeconds} s** and marks it DOWN after **${fall}** failed checks in a ` +
        `row. At t = ${atMs / 1000} s \`${TARGET}\` is stopped. ` +
        "How long until the load balancer stops sending it requests?",
      explanation:
        (down === undefined
          ? "In the simulation the load balancer never marked it DOWN."
          : `The first failed check comes within one interval of the stop, then ${fall - 1} more follow ` +
            `${lbCheckSeconds} s apart: in the simulation it was marked DOWN ${sec(delay!)} after the stop.`) +
        (retried.length === 0
          ? ""
          : ` Meanwhile its refused connections were retried on another server (option redispatch) ` +
            `${retried.length} time${retried.length === 1 ? "" : "s"}, so clients barely noticed.`),
      hint: "Count the failed health checks the load balancer needs, and when the first one can happen.",
      replay: { scenario: "control-plane-ha", params, seed, at: down?.t ?? atMs, faults },
    },
    labels[answerIndex(delay, lbCheckSeconds, fall)]!,
    labels,
    rng,
  );
}
