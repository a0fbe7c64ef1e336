// A load generator in front of the app's Service (think `hey` or a k6 script). Its traffic costs
// the app `cpuMilli` millicores in total, which kube-proxy's random choice of backend spreads
// evenly over the Ready endpoints on average; this model sends each endpoint its share directly
// (containerd's app-load) and re-spreads it whenever the set of Ready pods changes, which it
// learns from a pod watch as web-client does (standing in for the EndpointSlice kube-proxy follows).
// The scenario scripts its steps: a load step up, then a drop.
import { defineComponent, type Ctx } from "../core/component";
import type { Envelope, Ms, ProcId } from "../core/types";
import {
  emptyHttpClient,
  httpOnMessage,
  httpOnTimer,
  type HttpClient,
  type HttpClientConfig,
  type HttpClientTimer,
  type HttpResult,
} from "../client/http-client";
import { informerOnResult, informerRun, newInformer, type Informer, type InformerTimer } from "../client/informer";
import { emptyRecord } from "../core/records";
import { readyEndpoints } from "./web-client";

export type LoadStep = { at: Ms; cpuMilli: number };
export type LoadGeneratorConfig = {
  api: HttpClientConfig;
  app: string;
  runtimes: Record<string, ProcId>;
  steps: LoadStep[];
};

type Share = { runtime: ProcId; milli: number };
export type LoadGeneratorState = {
  http: HttpClient;
  pods: Informer;
  load: number;
  shares: Readonly<Record<string, Share>>;
};
export type LoadGeneratorTimer = HttpClientTimer | InformerTimer | { lib?: undefined; t: "step"; cpuMilli: number };

/**
 * Splits the load over the Ready endpoints (whole millicores, the remainder to the first by name) and sends every share
 * that changed.
 */
function spread(s: LoadGeneratorState, cfg: LoadGeneratorConfig, ctx: Ctx): LoadGeneratorState {
  const targets = readyEndpoints(s.pods).filter((p) => cfg.runtimes[p.spec.nodeName!] !== undefined);
  const shares: Record<string, Share> = emptyRecord();
  const n = targets.length;
  targets.forEach((p, i) => {
    const milli = Math.floor(s.load / n) + (i < s.load % n ? 1 : 0);
    shares[p.status.podIP!] = { runtime: cfg.runtimes[p.spec.nodeName!]!, milli };
  });
  for (const [ip, old] of Object.entries(s.shares))
    if (shares[ip] === undefined) ctx.send(old.runtime, { p: "app", kind: "app-load", ip, cpuMilli: 0 });
  for (const [ip, sh] of Object.entries(shares))
    if (s.shares[ip]?.milli !== sh.milli) ctx.send(sh.runtime, { p: "app", kind: "app-load", ip, cpuMilli: sh.milli });
  return { ...s, shares };
}

function onResults(
  s0: LoadGeneratorState,
  cfg: LoadGeneratorConfig,
  results: readonly HttpResult[],
  ctx: Ctx,
): LoadGeneratorState {
  let s = s0;
  const before = readyEndpoints(s.pods)
    .map((p) => p.status.podIP)
    .join(",");
  for (const r of results) {
    const step = informerOnResult(s.pods, "pods", r, s.http, cfg.api, ctx);
    s = { ...s, pods: step.inf, http: step.hc };
  }
  return readyEndpoints(s.pods)
    .map((p) => p.status.podIP)
    .join(",") === before
    ? s
    : spread(s, cfg, ctx);
}

export const loadGenerator = defineComponent<LoadGeneratorConfig, LoadGeneratorState, LoadGeneratorTimer>({
  kind: "load-generator",
  boot: (cfg, _p, ctx) => {
    const inf = newInformer({
      resource: "pods",
      namespace: "default",
      fieldSelector: null,
      labelSelector: { app: cfg.app },
    });
    const run = informerRun(inf, "pods", emptyHttpClient(), cfg.api, ctx);
    for (const st of cfg.steps) ctx.after(Math.max(0, st.at - ctx.now), { t: "step", cpuMilli: st.cpuMilli });
    return { http: run.hc, pods: run.inf, load: 0, shares: {} };
  },
  onMessage: (s: LoadGeneratorState, env: Envelope, ctx: Ctx, cfg: LoadGeneratorConfig) => {
    const { hc, results } = httpOnMessage(s.http, cfg.api, env, ctx);
    return onResults({ ...s, http: hc }, cfg, results, ctx);
  },
  onTimer: (s, timer, ctx, cfg) => {
    if (timer.lib === "http") {
      const { hc, results } = httpOnTimer(s.http, timer, ctx);
      return onResults({ ...s, http: hc }, cfg, results, ctx);
    }
    if (timer.lib === "informer") {
      const run = informerRun(s.pods, "pods", s.http, cfg.api, ctx);
      return { ...s, pods: run.inf, http: run.hc };
    }
    const n = readyEndpoints(s.pods).length;
    ctx.trace(
      "load.changed",
      `The load generator now drives ${timer.cpuMilli}m of CPU demand at the ${cfg.app} ` +
        `Service${n > 0 ? `: ${Math.floor(timer.cpuMilli / n)}m for each of its ${n} Ready pods` : ""}.`,
      { cpuMilli: timer.cpuMilli, endpoints: n },
    );
    return spread({ ...s, load: timer.cpuMilli }, cfg, ctx);
  },
  onCrash: () => ({ persisted: undefined, peers: [] }),
});
