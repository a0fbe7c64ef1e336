// kube-proxy on a worker node: watches Services and EndpointSlices (never Endpoints or pods) and
// programs the node's data plane in its mode (rules.ts), at most once per
// --iptables-min-sync-period (1 s) however fast changes arrive. Headless Services (clusterIP None)
// get no rules: their clients resolve pod IPs through DNS. `userspace` was removed in v1.26: a
// kube-proxy configured with it refuses to start, as a current binary does.
import { defineComponent, type Ctx } from "../../core/component";
import type { Command, Envelope, Ms } from "../../core/types";
import { emptyHttpClient, type HttpClientConfig } from "../../client/http-client";
import { clusterWideSpec } from "../../client/informer";
import { objectsOf, newWatches, watchOnMessage, watchOnTimer, type Watched, type WatchTimer } from "../../client/watch";
import type { Service } from "../../objects/core";
import type { Endpoint, EndpointSlice } from "../../objects/discovery";
import {
  countRules,
  packetPath,
  packetSteps,
  programRules,
  rejectPath,
  type ProxyMode,
  type ServicePort,
} from "./rules";

export type KubeProxyConfig = { api: HttpClientConfig; node: string; mode: ProxyMode | "userspace"; minSyncMs: Ms };
type KubeProxyState = {
  watch: Watched;
  lastSync: Ms;
  armed: boolean;
  programmed: string;
};
type Timer = WatchTimer | { lib?: undefined; t: "sync" };

const INFORMERS = [clusterWideSpec("services"), clusterWideSpec("endpointslices")];

/** validateProxyModeLinux's error (pkg/proxy/apis/config/validation) for a mode that no longer exists. */
const USERSPACE_REMOVED =
  'ProxyMode: Invalid value: "userspace": must be iptables, ipvs, nftables or ' +
  "blank (blank means the best-available proxy [currently iptables])";

/**
 * The endpoints kube-proxy sends a Service's traffic to (pkg/proxy/topology.go CategorizeEndpoints):
 * the ready ones, or, only when none is ready, those still serving while they terminate (the
 * ProxyTerminatingEndpoints fallback, GA). Pure.
 */
export function usableEndpoints(endpoints: readonly Endpoint[]): Endpoint[] {
  const ready = endpoints.filter((e) => e.conditions.ready);
  return ready.length > 0 ? ready : endpoints.filter((e) => e.conditions.serving && e.conditions.terminating);
}

/** Service ports with their usable endpoints, sorted by namespace/name: the order rules are written in. */
export function servicePorts(services: readonly Service[], slices: readonly EndpointSlice[]): ServicePort[] {
  const out: ServicePort[] = [];
  for (const svc of [...services].sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1))) {
    if (svc.spec.clusterIP === "None") continue;
    const mine = usableEndpoints(
      slices
        .filter(
          (e) =>
            e.metadata.namespace === svc.metadata.namespace &&
            e.metadata.labels["kubernetes.io/service-name"] === svc.metadata.name,
        )
        .flatMap((e) => e.endpoints),
    );
    const fallback = mine.some((x) => !x.conditions.ready);
    for (const p of svc.spec.ports) {
      const endpoints = mine.map((x) => `${x.addresses[0]}:${p.targetPort}`).sort();
      const port: ServicePort = {
        name: `${svc.metadata.namespace}/${svc.metadata.name}:${p.port}`,
        vip: svc.spec.clusterIP,
        port: p.port,
        protocol: p.protocol,
        endpoints,
      };
      out.push(fallback ? { ...port, terminatingFallback: true } : port);
    }
  }
  return out;
}

function sync(s: KubeProxyState, cfg: KubeProxyConfig, ctx: Ctx): KubeProxyState {
  const mode = cfg.mode as ProxyMode;
  const svcs = servicePorts(
    objectsOf<Service>(s.watch, "services"),
    objectsOf<EndpointSlice>(s.watch, "endpointslices"),
  );
  const table = programRules(mode, svcs);
  const sig = JSON.stringify(table.chains);
  if (sig === s.programmed) return { ...s, lastSync: ctx.now, armed: false };
  const eps = svcs.reduce((a, x) => a + x.endpoints.length, 0);
  const target = svcs.find((x) => x.endpoints.length > 0);
  const fields = {
    node: cfg.node,
    mode,
    services: svcs.length,
    endpoints: eps,
    rules: table.rules,
    hashEntries: table.hashEntries,
  };
  if (target === undefined) {
    const empty = svcs[0];
    const reject = empty === undefined ? null : rejectPath(mode, empty);
    const walk =
      empty === undefined || reject === null
        ? ""
        : `: a new connection to ${empty.vip}:${empty.port} is rejected, so the client sees "Connection refused"`;
    const vip = walk === "" || empty === undefined ? null : `${empty.vip}:${empty.port}`;
    ctx.trace(
      "kube-proxy.synced",
      `kube-proxy/${cfg.node} (${mode}) programmed ${table.rules} rules for ` +
        `${svcs.length} service port(s), none with ready endpoints${walk}.`,
      { ...fields, vip, steps: null, path: reject ?? [] },
    );
  } else {
    const pick = target.endpoints.length === 1 ? 1 : ctx.rng.range(1, target.endpoints.length);
    const position = svcs.filter((x) => x.endpoints.length > 0).indexOf(target) + 1;
    const steps = packetSteps(mode, position, pick);
    const path = packetPath(mode, table, target, pick);
    const hashed = table.hashEntries > 0 ? ` and ${table.hashEntries} hash-table entries` : "";
    const serving = svcs.filter((x) => x.terminatingFallback === true).reduce((a, x) => a + x.endpoints.length, 0);
    const kind =
      serving === 0
        ? "ready endpoint(s)"
        : `endpoint(s), ${serving} of them terminating but still serving (their Service has no ready endpoint left)`;
    ctx.trace(
      "kube-proxy.synced",
      `kube-proxy/${cfg.node} (${mode}) programmed ${table.rules} rules${hashed} for ` +
        `${svcs.length} service port(s) with ${eps} ${kind}; a new connection to ` +
        `${target.vip}:${target.port} takes ${steps} rule matches or lookups.`,
      { ...fields, vip: `${target.vip}:${target.port}`, steps, path },
    );
  }
  return { ...s, lastSync: ctx.now, armed: false, programmed: sig };
}

/** Something it watches changed (or its informers synced): a sync is due, at most once per minSyncMs. */
function arm(s: KubeProxyState, cfg: KubeProxyConfig, ctx: Ctx): KubeProxyState {
  if (s.armed || !INFORMERS.every((spec) => s.watch.informers[spec.resource]?.synced === true)) return s;
  ctx.after(Math.max(0, s.lastSync + cfg.minSyncMs - ctx.now), { t: "sync" });
  return { ...s, armed: true };
}

function onWatch(
  s: KubeProxyState,
  cfg: KubeProxyConfig,
  r: { w: Watched; changed: boolean },
  ctx: Ctx,
): KubeProxyState {
  const next = { ...s, watch: r.w };
  return r.changed ? arm(next, cfg, ctx) : next;
}

/** `project`: what the same mode would hold for S services x E endpoints (a what-if, no API objects). */
function onCommand(s: KubeProxyState, c: Command, ctx: Ctx, cfg: KubeProxyConfig): KubeProxyState {
  if (c.name !== "project" || cfg.mode === "userspace") return s;
  const services = Number(c.args.services);
  const endpoints = Number(c.args.endpoints);
  const { rules, hashEntries } = countRules(cfg.mode, services, endpoints);
  const average = Math.ceil(packetSteps(cfg.mode, (services + 1) / 2, (endpoints + 1) / 2));
  const worst = packetSteps(cfg.mode, services, endpoints);
  const how =
    cfg.mode === "iptables"
      ? "KUBE-SERVICES is matched rule by rule"
      : cfg.mode === "ipvs"
        ? "ipset and IPVS are hash tables"
        : "the service-ips verdict map is a hash lookup";
  ctx.trace(
    "kube-proxy.projection",
    `kube-proxy (${cfg.mode}) with ${services} services × ${endpoints} endpoints would hold ` +
      `${rules} rules${hashEntries > 0 ? ` and ${hashEntries} hash-table entries` : ""}; a new ` +
      `connection takes about ${average} matches or lookups (at most ${worst}) because ${how}.`,
    { mode: cfg.mode, services, endpoints, rules, hashEntries, averageSteps: average, worstSteps: worst },
  );
  return s;
}

export const kubeProxy = defineComponent<KubeProxyConfig, KubeProxyState, Timer>({
  kind: "kube-proxy",
  boot: (cfg, _p, ctx) => {
    const s: KubeProxyState = {
      watch: { http: emptyHttpClient(), informers: {} },
      lastSync: -cfg.minSyncMs,
      armed: false,
      programmed: "",
    };
    if (cfg.mode === "userspace") {
      ctx.trace(
        "kube-proxy.mode-refused",
        `kube-proxy/${cfg.node} refuses --proxy-mode=userspace (the userspace ` +
          `proxier was removed in Kubernetes v1.26): ${USERSPACE_REMOVED}.`,
        { node: cfg.node, mode: "userspace" },
      );
      ctx.exit(`invalid configuration: ${USERSPACE_REMOVED}`);
      return s;
    }
    return { ...s, watch: newWatches(INFORMERS, cfg.api, ctx) };
  },
  onMessage: (s: KubeProxyState, env: Envelope, ctx: Ctx, cfg: KubeProxyConfig) =>
    onWatch(s, cfg, watchOnMessage(s.watch, env, cfg.api, ctx), ctx),
  onTimer: (s, timer, ctx, cfg) =>
    timer.lib === undefined ? sync(s, cfg, ctx) : onWatch(s, cfg, watchOnTimer(s.watch, timer, cfg.api, ctx), ctx),
  onCommand,
});
