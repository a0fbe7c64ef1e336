// Scenario: the same Service programmed by kube-proxy in each mode, one mode per worker: node-1
// iptables (the Linux default), node-2 ipvs (deprecated in v1.35), node-3 nftables (GA in v1.33),
// node-4 userspace, which a current kube-proxy refuses (removed in v1.26). Each kube-proxy reports
// its rule count and the walk of a new connection to the Service VIP; then each projects the same
// for a large cluster, showing iptables' sequential KUBE-SERVICES chain against hash lookups.
import { SMALL_SPEC } from "../cluster/spec";
import type { Action } from "../core/types";
import type { Params, TraceEvent } from "../trace/types";
import { at, claim, first, select } from "./claims";
import { applyAt, container, deploymentOf, kubectlAt, podSpec, serviceOf, template } from "./manifests";
import { intParam, type Plan, type ScenarioDef } from "./types";

const MODES = ["iptables", "ipvs", "nftables"] as const;
const SCALE_AT = 40_000;
const PROJECT_AT = 60_000;
const VIP = "10.96.0.10";

function plan(p: Params): Plan {
  const n = intParam(p, "replicas");
  const web = deploymentOf("web", n, template({ app: "web" }, podSpec([container("web", "nginx:1.27")])));
  const project = (at: number, services: number): { at: number; action: Action }[] =>
    MODES.map((m, i) => ({
      at,
      action: {
        type: "command",
        target: `kube-proxy/node-${i + 1}`,
        command: { name: "project", args: { services, endpoints: intParam(p, "endpointsPerService") } },
      },
    }));
  const services = intParam(p, "services");
  return {
    cluster: {
      ...SMALL_SPEC,
      workers: 4,
      workerSpecs: [
        { kubeProxy: "iptables" },
        { kubeProxy: "ipvs" },
        { kubeProxy: "nftables" },
        { kubeProxy: "userspace" },
      ],
    },
    script: [
      applyAt(
        3000,
        serviceOf("web", { app: "web" }, VIP),
        "web-service.yaml",
        `Service web, ClusterIP ${VIP}, port 80`,
      ),
      applyAt(3000, web, "web-deployment.yaml", `Deployment web, ${n} replicas`),
      kubectlAt(SCALE_AT, "scale", { kind: "deployment", name: "web", replicas: n + 2 }),
      ...project(PROJECT_AT, Math.max(1, Math.floor(services / 10))),
      ...project(PROJECT_AT + 1000, services),
    ],
    durationMs: PROJECT_AT + 5000,
    marks: { scale: SCALE_AT, project: PROJECT_AT },
  };
}

function liveClaims(p: Params, events: readonly TraceEvent[]) {
  const n = intParam(p, "replicas");
  const refused = first(events, { type: "kube-proxy.mode-refused" });
  const exited = first(events, { type: "process.crashed", where: (e) => e.component === "kube-proxy/node-4" });
  const synced = MODES.map((m) =>
    select(events, { type: "kube-proxy.synced", where: (e) => e.mode === m && e.endpoints === n }).at(-1),
  );
  const scaled = MODES.map((m) =>
    first(events, { type: "kube-proxy.synced", from: SCALE_AT, where: (e) => e.mode === m && e.endpoints === n + 2 }),
  );
  // Consecutive syncs of one kube-proxy: [earlier, later]. The closest pair shows the bound holding; the last sync ends
  // the check.
  const pairs = MODES.flatMap((m) => {
    const s = select(events, { type: "kube-proxy.synced", where: (e) => e.mode === m });
    return s.slice(1).map((e, i) => [s[i]!, e] as const);
  });
  const gaps = pairs.filter(([a, b]) => b.t - a.t < 1000).map(([, b]) => b);
  const closest = [...pairs].sort((x, y) => x[1].t - x[0].t - (y[1].t - y[0].t) || x[1].seq - y[1].seq)[0];
  const lastSync = select(events, { type: "kube-proxy.synced" }).at(-1);
  const ipt = synced[0];
  const empty = first(events, { type: "endpointslice.updated", where: (e) => e.service === "web" && e.ready === 0 });
  const rejects = (["iptables", "nftables"] as const).map((m) =>
    first(events, {
      type: "kube-proxy.synced",
      where: (e) => e.mode === m && e.vip === `${VIP}:80` && e.endpoints === 0,
    }),
  );
  const rejected = rejects.every(
    (e) => e !== undefined && Array.isArray(e.path) && e.path.some((x) => x.includes("Connection refused")),
  );
  return [
    claim(
      "no-endpoints-refused",
      "While Service web has no ready endpoints, kube-proxy in iptables and nftables mode programs a reject " +
        `for ${VIP}:80 instead of a DNAT: a new connection fails at once with "Connection refused".`,
      empty !== undefined && rejected,
      [empty, ...rejects],
      `EndpointSlice with 0 ready endpoints ${at(empty)}; ` +
        rejects
          .map(
            (e, i) =>
              `${["iptables", "nftables"][i]}: ` +
              `${e && Array.isArray(e.path) ? `${e.path.join(" → ")} ${at(e)}` : "no reject programmed"}`,
          )
          .join("; ") +
        ".",
    ),
    claim(
      "userspace-removed",
      "A kube-proxy configured with --proxy-mode=userspace refuses " +
        "to start: the userspace proxier was removed in v1.26.",
      refused !== undefined && exited !== undefined,
      [refused, exited],
      refused ? String(refused.message) : "node-4's kube-proxy started.",
    ),
    claim(
      "all-modes-program",
      "kube-proxy in iptables, ipvs and nftables mode each program Service web with its " +
        `${n} ready endpoints from the EndpointSlice, and follow a scale to ${n + 2}.`,
      synced.every((e) => e !== undefined) && scaled.every((e) => e !== undefined),
      [...synced, ...scaled],
      synced.map((e, i) => `${MODES[i]}: ${e ? `${String(e.rules)} rules` : "not programmed"}`).join("; "),
    ),
    claim(
      "iptables-walk",
      `In iptables mode a new connection to ${VIP}:80 walks KUBE-SERVICES, then ` +
        "KUBE-SVC-* statistic rules (a random endpoint), then a KUBE-SEP-* DNAT.",
      Array.isArray(ipt?.path) &&
        ipt.path.some((x) => x.startsWith("KUBE-SERVICES")) &&
        ipt.path.some((x) => x.startsWith("KUBE-SEP-")),
      [ipt],
      Array.isArray(ipt?.path) ? ipt.path.join(" → ") : "no iptables sync.",
    ),
    claim(
      "min-sync-period",
      "Each kube-proxy applies changes at most once per --iptables-min-sync-period " +
        "(1 s), however fast EndpointSlice updates arrive.",
      gaps.length === 0 && closest !== undefined,
      gaps.length > 0 ? gaps : [...(closest ?? []), lastSync],
      closest === undefined
        ? "no kube-proxy synced twice."
        : `${gaps.length} syncs closer than 1 s; the closest two of one kube-proxy were ` +
            `${((closest[1].t - closest[0].t) / 1000).toFixed(3)} s apart ${at(closest[0])} ` +
            `${at(closest[1])}; checked up to the last sync ${at(lastSync)}.`,
    ),
  ];
}

/**
 * iptables grows linearly: each Service adds the same block of rules, and a first packet walks half of
 * KUBE-SERVICES in order, so every two Services add one match on average. Stated as growth per added
 * Service rather than as a ratio, because at a few Services the endpoint pick (KUBE-SVC-* statistic
 * rules) outweighs the KUBE-SERVICES walk and a ratio says nothing (pkg/proxy/iptables/proxier.go,
 * syncProxyRules: one KUBE-SERVICES rule per Service port, one statistic rule and a KUBE-SEP-* chain
 * per endpoint).
 */
function iptablesGrowsClaim(small: TraceEvent | undefined, large: TraceEvent | undefined, services: number) {
  const added = Number(large?.services ?? 0) - Number(small?.services ?? 0);
  const rulesAdded = Number(large?.rules ?? 0) - Number(small?.rules ?? 0);
  const matchesAdded = Number(large?.averageSteps ?? 0) - Number(small?.averageSteps ?? 0);
  const perService = added > 0 ? rulesAdded / added : 0;
  const grows =
    added > 0 &&
    Number.isInteger(perService) &&
    perService >= 3 * Number(large?.endpoints ?? 0) &&
    Math.abs(matchesAdded - added / 2) <= 1;
  return claim(
    "iptables-grows",
    "iptables holds rules in proportion to services × endpoints " +
      `(${String(large?.rules ?? "?")} for ${services} services), and a first packet is matched ` +
      `against about half of KUBE-SERVICES in order (~${String(large?.averageSteps ?? "?")} ` +
      "matches): every Service added adds the same block of rules, and every two add one match.",
    grows,
    [small, large],
    `${String(small?.services)} → ${String(large?.services)} services: ${String(small?.rules)} → ` +
      `${String(large?.rules)} rules (${perService} per added Service), ~${String(small?.averageSteps)} ` +
      `→ ~${String(large?.averageSteps)} matches (${matchesAdded} for ${added} added Services).`,
  );
}

function scaleClaims(p: Params, events: readonly TraceEvent[]) {
  const proj = (m: string) => select(events, { type: "kube-proxy.projection", where: (e) => e.mode === m });
  const [small, large] = [0, 1].map((i) => Object.fromEntries(MODES.map((m) => [m, proj(m)[i]])));
  const ratio = (m: string, k: string) => Number(large![m]?.[k] ?? 0) / Math.max(1, Number(small![m]?.[k] ?? 1));
  const services = intParam(p, "services");
  const ipt = large!.iptables;
  return [
    iptablesGrowsClaim(small!.iptables, ipt, services),
    claim(
      "hash-lookups-flat",
      "IPVS (ipset + IPVS hash tables) and nftables (a verdict map) find the service " +
        "with a hash lookup: the steps per packet stay the same as services grow.",
      ratio("ipvs", "averageSteps") === 1 && ratio("nftables", "averageSteps") === 1,
      [small!.ipvs, large!.ipvs, small!.nftables, large!.nftables],
      `ipvs ${String(large!.ipvs?.averageSteps)} steps, nftables ` +
        `${String(large!.nftables?.averageSteps)} steps at ${services} services.`,
    ),
    claim(
      "ipvs-constant-rules",
      "IPVS mode keeps a constant set of iptables rules; what grows is its ipset and IPVS tables.",
      ratio("ipvs", "rules") === 1 && ratio("ipvs", "hashEntries") > 5,
      [small!.ipvs, large!.ipvs],
      `ipvs: ${String(large!.ipvs?.rules)} iptables rules, ${String(large!.ipvs?.hashEntries)} hash entries.`,
    ),
  ];
}

export const kubeProxyModes: ScenarioDef = {
  id: "kube-proxy-modes",
  title: "kube-proxy: iptables, IPVS, nftables (and userspace)",
  summary:
    "One Service programmed by kube-proxy in each mode: rule counts, the walk of " +
    "a packet to the VIP, and how both grow with the number of Services.",
  params: [
    {
      name: "replicas",
      type: "integer",
      label: "Endpoints",
      description: "Replicas behind Service web (scaled up by 2 later).",
      default: 3,
      min: 1,
      max: 8,
    },
    {
      name: "services",
      type: "integer",
      label: "Services (projection)",
      description: "Services in the large-cluster projection (the small one has a tenth).",
      default: 5000,
      min: 10,
      max: 50000,
    },
    {
      name: "endpointsPerService",
      type: "integer",
      label: "Endpoints per Service (projection)",
      description: "Ready endpoints per Service in the projection.",
      default: 10,
      min: 1,
      max: 100,
    },
  ],
  plan,
  claims: (p, events) => [...liveClaims(p, events), ...scaleClaims(p, events)],
};
