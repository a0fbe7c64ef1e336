// kube-proxy on a worker node: watches Services and EndpointSlices (never Endpoints or pods) and
// programs the node's data plane in its mode (lib/sim/kube-proxy/rules.ts), at most once per
// --iptables-min-sync-period (1 s) however fast changes arrive. Headless Services (clusterIP None)
// get no rules: their clients resolve pod IPs through DNS. `userspace` was removed in v1.26: a
// kube-proxy configured with it refuses to start, as a current binary does.
import { defineComponent, type Ctx } from "../../core/component";
import type { Command, Envelope, Ms } from "../../core/types";
import {
  emptyHttpClient,
  httpOnMessage,
  httpOnTimer,
  type HttpClient,
  type HttpClientConfig,
  type HttpClientTimer,
  type HttpResult,
} from "../../client/http-client";
import { informerOnResult, informerRun, newInformer, type Informer, type InformerTimer } from "../../client/informer";
import type { Endpoint, EndpointSlice, Service } from "../../objects/types";
import {
  countRules,
  packetPath,
  packetSteps,
  programRules,
  rejectPath,
  type ProxyMode,
  type ServicePort,
} from "../../kube-proxy/rules";

export type KubeProxyConfig = { api: HttpClientConfig; node: string; mode: ProxyMode | "userspace"; minSyncMs: Ms };
export type KubeProxyState = {
  http: HttpClient;
  informers: Readonly<Record<string, Informer>>;
  lastSync: Ms;
  armed: boolean;
  programmed: string;
};
type Timer = HttpClientTimer | InformerTimer | { lib?: undefined; t: "sync" };

const NAMES = ["services", "endpointslices"] as const;

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

function objectsOf<T>(s: KubeProxyState, name: string): T[] {
  return Object.values(s.informers[name]?.objects ?? {}) as T[];
}

function sync(s: KubeProxyState, cfg: KubeProxyConfig, ctx: Ctx): KubeProxyState {
  const mode = cfg.mode as ProxyMode;
  const svcs = servicePorts(objectsOf<Service>(s, "services"), objectsOf<EndpointSlice>(s, "endpointslices"));
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

function arm(s: KubeProxyState, cfg: KubeProxyConfig, ctx: Ctx): KubeProxyState {
  if (s.armed || !NAMES.every((n) => s.informers[n]?.synced === true)) return s;
  ctx.after(Math.max(0, s.lastSync + cfg.minSyncMs - ctx.now), { t: "sync" });
  return { ...s, armed: true };
}

function onResult(s: KubeProxyState, cfg: KubeProxyConfig, r: HttpResult, ctx: Ctx): KubeProxyState {
  const name = r.tag.split(":")[1] ?? "";
  const inf = s.informers[name];
  if (!r.tag.startsWith("inf:") || inf === undefined) return s;
  const step = informerOnResult(inf, name, r, s.http, cfg.api, ctx);
  const next = { ...s, informers: { ...s.informers, [name]: step.inf }, http: step.hc };
  return step.changes.length > 0 || (step.inf.synced && !inf.synced) ? arm(next, cfg, ctx) : next;
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
    let s: KubeProxyState = {
      http: emptyHttpClient(),
      informers: {},
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
    const informers: Record<string, Informer> = {};
    for (const n of NAMES) {
      const run = informerRun(
        newInformer({ resource: n, namespace: null, fieldSelector: null, labelSelector: null }),
        n,
        s.http,
        cfg.api,
        ctx,
      );
      informers[n] = run.inf;
      s = { ...s, http: run.hc };
    }
    return { ...s, informers };
  },
  onMessage: (s0: KubeProxyState, env: Envelope, ctx: Ctx, cfg: KubeProxyConfig) => {
    const { hc, results } = httpOnMessage(s0.http, cfg.api, env, ctx);
    let s = { ...s0, http: hc };
    for (const r of results) s = onResult(s, cfg, r, ctx);
    return s;
  },
  onTimer: (s, timer, ctx, cfg) => {
    if (timer.lib === "http") {
      const { hc, results } = httpOnTimer(s.http, timer, ctx);
      let next = { ...s, http: hc };
      for (const r of results) next = onResult(next, cfg, r, ctx);
      return next;
    }
    if (timer.lib === "informer") {
      const inf = s.informers[timer.name];
      if (inf === undefined) return s;
      const run = informerRun(inf, timer.name, s.http, cfg.api, ctx);
      return { ...s, informers: { ...s.informers, [timer.name]: run.inf }, http: run.hc };
    }
    return sync(s, cfg, ctx);
  },
  onCommand,
  onCrash: () => ({ persisted: undefined, peers: [] }),
});
