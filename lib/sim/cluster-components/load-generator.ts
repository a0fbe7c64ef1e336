// A load generator in front of the app's Service (think `hey` or a k6 script). Its traffic costs
// the app `cpuMilli` millicores in total, which kube-proxy's random choice of backend spreads
// evenly over the Ready endpoints on average; this model sends each endpoint its share directly
// (containerd's app-load) and re-spreads it whenever the set of Ready pods changes, which it
// learns from a pod watch as web-client does (standing in for the EndpointSlice kube-proxy follows).
// The scenario scripts its steps: a load step up, then a drop.
import { defineComponent, type Ctx } from "../core/component";
import type { Envelope, Ms, ProcId } from "../core/types";
import type { HttpClientConfig } from "../client/http-client";
import { newWatches, watchOnMessage, watchOnTimer, type Watched, type WatchTimer } from "../client/watch";
import { emptyRecord } from "../core/records";
import { appPodsSpec, readyEndpoints } from "./web-client";

export type LoadStep = { at: Ms; cpuMilli: number };
export type LoadGeneratorConfig = {
  api: HttpClientConfig;
  app: string;
  runtimes: Record<string, ProcId>;
  steps: LoadStep[];
};

type Share = { runtime: ProcId; milli: number };
type LoadGeneratorState = {
  watch: Watched;
  load: number;
  shares: Readonly<Record<string, Share>>;
};
type LoadGeneratorTimer = WatchTimer | { lib?: undefined; t: "step"; cpuMilli: number };

/**
 * Splits the load over the Ready endpoints (whole millicores, the remainder to the first by name) and sends every share
 * that changed.
 */
function spread(s: LoadGeneratorState, cfg: LoadGeneratorConfig, ctx: Ctx): LoadGeneratorState {
  const targets = readyEndpoints(s.watch).filter((p) => cfg.runtimes[p.spec.nodeName!] !== undefined);
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

/** The Ready endpoints' IPs, in order: what the shares are spread over. */
function readyIps(w: Watched): string {
  return readyEndpoints(w)
    .map((p) => p.status.podIP)
    .join(",");
}

/** The pod watch moved on to `watch`: the load is spread again when the Ready endpoints changed. */
function onWatch(s: LoadGeneratorState, cfg: LoadGeneratorConfig, watch: Watched, ctx: Ctx): LoadGeneratorState {
  const next = { ...s, watch };
  return readyIps(watch) === readyIps(s.watch) ? next : spread(next, cfg, ctx);
}

export const loadGenerator = defineComponent<LoadGeneratorConfig, LoadGeneratorState, LoadGeneratorTimer>({
  kind: "load-generator",
  boot: (cfg, _p, ctx) => {
    const watch = newWatches([appPodsSpec(cfg.app)], cfg.api, ctx);
    for (const st of cfg.steps) ctx.after(Math.max(0, st.at - ctx.now), { t: "step", cpuMilli: st.cpuMilli });
    return { watch, load: 0, shares: {} };
  },
  onMessage: (s: LoadGeneratorState, env: Envelope, ctx: Ctx, cfg: LoadGeneratorConfig) =>
    onWatch(s, cfg, watchOnMessage(s.watch, env, cfg.api, ctx).w, ctx),
  onTimer: (s, timer, ctx, cfg) => {
    if (timer.lib !== undefined) return onWatch(s, cfg, watchOnTimer(s.watch, timer, cfg.api, ctx).w, ctx);
    const n = readyEndpoints(s.watch).length;
    ctx.trace(
      "load.changed",
      `The load generator now drives ${timer.cpuMilli}m of CPU demand at the ${cfg.app} ` +
        `Service${n > 0 ? `: ${Math.floor(timer.cpuMilli / n)}m for each of its ${n} Ready pods` : ""}.`,
      { cpuMilli: timer.cpuMilli, endpoints: n },
    );
    return spread({ ...s, load: timer.cpuMilli }, cfg, ctx);
  },
});
