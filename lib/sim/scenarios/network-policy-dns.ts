// Scenario: NetworkPolicy enforced by the CNI, and DNS through CoreDNS. A CNI agent on each worker
// watches NetworkPolicies and pods and programs its node's rules (components/cni/cni-agent.ts);
// CoreDNS's kubernetes plugin answers for cluster.local (components/cni/coredns.ts); two client pods
// connect and resolve names through the /etc/resolv.conf the kubelet writes
// (pkg/kubelet/network/dns/dns.go) with glibc's search rule (components/kubelet/dns.ts).
// Timeline: a lookup of the Service `web`, the lookup the params choose, then a default-deny ingress
// policy plus an allow rule for the web pods (by pod or by namespace selector), a connection from
// each client (one allowed, one dropped), and optionally an egress default-deny on the client with
// or without DNS allowed, followed by another lookup.
import { SMALL_SPEC } from "../cluster/spec";
import { CLUSTER_DNS } from "../cluster/build";
import { searchCandidates } from "../cluster-components/kubelet/dns";
import type { Pod } from "../objects/core";
import type { NetworkPolicy, NetworkPolicyPeer } from "../objects/networking";
import type { Params, TraceEvent } from "../trace/types";
import { at, claim, first, select } from "./claims";
import { applyAt, container, deploymentOf, meta, podOf, podSpec, serviceOf, template } from "./manifests";
import { intParam, optionsOf, type Plan, type ScenarioDef } from "./types";

const WEB_CLUSTER_IP = "10.96.45.7";
const EXTERNAL_IP = "203.0.113.10";
const M = {
  serviceLookup: 12_000,
  lookup: 20_000,
  policies: 30_000,
  connect: 40_000,
  egress: 50_000,
  egressLookup: 55_000,
};
const LOOKUPS = ["web", "web.default.svc.cluster.local.", "api.example.com"] as const;

const allowByPod = (p: Params) => intParam(p, "allowBy") === 0;
const clientName = (p: Params, allowed: boolean) => (allowByPod(p) === allowed ? "default/client" : "monitoring/probe");

function policy(
  name: string,
  podSelector: Record<string, string>,
  spec: Partial<NetworkPolicy["spec"]>,
): NetworkPolicy {
  return {
    kind: "NetworkPolicy",
    apiVersion: "networking.k8s.io/v1",
    metadata: meta(name),
    spec: { podSelector, policyTypes: [], ingress: [], egress: [], ...spec },
  };
}

function clientPod(name: string, namespace: string, labels: Record<string, string>, ndots: number): Pod {
  const pod = podOf(
    name,
    labels,
    podSpec(
      [container(name, "nginx:1.27")],
      ndots === 5 ? {} : { dnsConfig: { options: [{ name: "ndots", value: String(ndots) }] } },
    ),
  );
  return { ...pod, metadata: { ...pod.metadata, namespace } };
}

function plan(p: Params): Plan {
  const peer: NetworkPolicyPeer = allowByPod(p)
    ? { podSelector: { app: "client" } }
    : { namespaceSelector: { "kubernetes.io/metadata.name": "monitoring" } };
  const egress = intParam(p, "egress");
  const web = deploymentOf(
    "web",
    2,
    template(
      { app: "web" },
      podSpec([container("web", "nginx:1.27", { readiness: true, app: { readyAfterMs: 2000, exitAfterMs: null } })]),
    ),
  );
  const deny = policy("default-deny-ingress", {}, { policyTypes: ["Ingress"] });
  const allow = policy(
    "allow-web",
    { app: "web" },
    { policyTypes: ["Ingress"], ingress: [{ peers: [peer], ports: [{ protocol: "TCP", port: 80 }] }] },
  );
  const dnsRule = {
    peers: [],
    ports: [
      { protocol: "UDP" as const, port: 53 },
      { protocol: "TCP" as const, port: 53 },
    ],
  };
  const egressPolicy = policy(
    "client-egress",
    { app: "client" },
    {
      policyTypes: ["Egress"],
      egress: [
        { peers: [{ podSelector: { app: "web" } }], ports: [{ protocol: "TCP", port: 80 }] },
        ...(egress === 2 ? [dnsRule] : []),
      ],
    },
  );
  const connect = { at: M.connect, kind: "connect" as const, namespace: "default", selector: { app: "web" }, port: 80 };
  const lookups = [
    { at: M.serviceLookup, kind: "lookup" as const, name: "web" },
    { at: M.lookup, kind: "lookup" as const, name: LOOKUPS[intParam(p, "lookup")]! },
    { at: M.egressLookup, kind: "lookup" as const, name: "web" },
  ];
  return {
    cluster: {
      ...SMALL_SPEC,
      networkPolicy: {
        upstream: { "api.example.com": EXTERNAL_IP },
        clients: [
          { namespace: "default", pod: "client", actions: [...lookups, connect] },
          { namespace: "monitoring", pod: "probe", actions: [connect] },
        ],
      },
    },
    script: [
      applyAt(3000, web, "web-deployment.yaml", "Deployment web, 2 replicas (app=web, port 80)"),
      applyAt(
        3200,
        serviceOf("web", { app: "web" }, WEB_CLUSTER_IP),
        "web-service.yaml",
        `Service web, ClusterIP ${WEB_CLUSTER_IP}`,
      ),
      applyAt(
        3400,
        clientPod("client", "default", { app: "client" }, intParam(p, "ndots")),
        "client-pod.yaml",
        "Pod client in default " +
          `(app=client)${intParam(p, "ndots") === 5 ? "" : `, dnsConfig options ndots:${intParam(p, "ndots")}`}`,
      ),
      applyAt(
        3600,
        clientPod("probe", "monitoring", { app: "client" }, 5),
        "probe-pod.yaml",
        "Pod probe in namespace monitoring, also labelled app=client",
      ),
      applyAt(
        M.policies,
        deny,
        "default-deny-ingress.yaml",
        "NetworkPolicy default-deny-ingress: podSelector {}, policyTypes [Ingress], no ingress rules",
      ),
      applyAt(
        M.policies + 1000,
        allow,
        "allow-web.yaml",
        "NetworkPolicy allow-web: pods app=web accept TCP/80 from " +
          (allowByPod(p)
            ? "pods app=client (podSelector, same namespace)"
            : "every pod in namespace monitoring (namespaceSelector)"),
      ),
      ...(egress === 0
        ? []
        : [
            applyAt(
              M.egress,
              egressPolicy,
              "client-egress.yaml",
              "NetworkPolicy client-egress: pods app=client may send only TCP/80 to " +
                `app=web${egress === 2 ? ", and DNS (UDP and TCP 53) anywhere" : ""}`,
            ),
          ]),
    ],
    durationMs: M.egressLookup + 13_000,
    marks: M,
  };
}

const from = (e: TraceEvent) => String(e.client ?? "");

function connectionClaims(p: Params, events: readonly TraceEvent[]) {
  const denied = clientName(p, false);
  const allowed = clientName(p, true);
  const attempt = (who: string) =>
    first(events, { type: "conn.attempt", from: M.connect, where: (e) => from(e) === who });
  const d = attempt(denied);
  const drop = first(events, { type: "netpol.dropped", where: (e) => e.id === d?.id });
  const timeout = first(events, { type: "conn.timeout", where: (e) => e.id === d?.id });
  const refused = first(events, { type: "conn.established", where: (e) => e.id === d?.id });
  const a = attempt(allowed);
  const ok = first(events, { type: "netpol.allowed", where: (e) => e.id === a?.id });
  const est = first(events, { type: "conn.established", where: (e) => e.id === a?.id });
  const rule = allowByPod(p)
    ? "its podSelector app=client matches only pods of the policy's own " +
      "namespace, and probe, although labelled app=client too, runs in monitoring"
    : "its namespaceSelector matches namespace monitoring only";
  return [
    claim(
      "denied-times-out",
      `${denied} matches no rule of allow-web (${rule}), and default-deny-ingress isolates ` +
        "the web pods: the CNI agent on the web pod's node drops the SYN, nothing answers, and " +
        "the client gives up when its 5 s connect timeout expires. It is not refused.",
      d !== undefined &&
        drop?.direction === "Ingress" &&
        timeout !== undefined &&
        Number(timeout.ms) === 5000 &&
        refused === undefined,
      [d, drop, timeout],
      d === undefined
        ? `${denied} made no connection.`
        : `SYN ${at(d)}, dropped ${at(drop)} on ${String(drop?.node)}, ` +
            `timed out ${at(timeout)} after ${String(timeout?.ms)} ms.`,
    ),
    claim(
      "allowed-connects",
      `${allowed} matches allow-web's ${allowByPod(p) ? "podSelector" : "namespaceSelector"}: policies ` +
        "only add allowed traffic, so the web pod, isolated by default-deny-ingress, still accepts it.",
      a !== undefined && ok?.policy === "allow-web" && est !== undefined,
      [a, ok, est],
      a === undefined
        ? `${allowed} made no connection.`
        : `SYN ${at(a)}, allowed by ${String(ok?.policy)} ${at(ok)}, connected ${at(est)}.`,
    ),
  ];
}

function egressClaim(p: Params, events: readonly TraceEvent[]) {
  const egress = intParam(p, "egress");
  const look = first(events, { type: "dns.lookup", from: M.egressLookup });
  const ok = first(events, { type: "dns.resolved", from: M.egressLookup });
  const out = first(events, { type: "dns.timeout", from: M.egressLookup });
  const drop = first(events, {
    type: "netpol.dropped",
    from: M.egressLookup,
    where: (e) => e.direction === "Egress" && Number(e.port) === 53,
  });
  const allowed = first(events, {
    type: "netpol.allowed",
    from: M.egressLookup,
    where: (e) => e.direction === "Egress" && Number(e.port) === 53,
  });
  const text = [
    "With no egress policy the client is not isolated for egress: its DNS queries reach CoreDNS and `web` resolves.",
    "Once client-egress isolates the client for egress and allows only TCP/80 to the web " +
      "pods, its DNS queries to CoreDNS (UDP/53) are dropped: the lookup fails after the " +
      "resolver's timeout and retry, so even the allowed web pods cannot be reached by name.",
    "client-egress isolates the client for egress, but its rule for port 53 (UDP and " +
      "TCP, any destination) lets the DNS queries through: `web` still resolves.",
  ][egress]!;
  const passed =
    egress === 1
      ? drop !== undefined && out !== undefined && ok === undefined
      : egress === 2
        ? allowed?.policy === "client-egress" && ok !== undefined
        : ok !== undefined && drop === undefined && allowed === undefined;
  return claim(
    "egress-dns-needed",
    text,
    passed,
    [look, drop ?? allowed, ok ?? out],
    ok !== undefined
      ? `resolved ${at(ok)} (${String(ok.ip)}).`
      : out !== undefined
        ? `query dropped ${at(drop)}; lookup failed ${at(out)} after ${String(out.queries)} queries.`
        : "the lookup neither resolved nor timed out.",
  );
}

function searchClaim(p: Params, events: readonly TraceEvent[]) {
  const name = LOOKUPS[intParam(p, "lookup")]!;
  const ndots = intParam(p, "ndots");
  const expected = searchCandidates(name, {
    nameservers: [CLUSTER_DNS],
    searches: ["default.svc.cluster.local", "svc.cluster.local", "cluster.local"],
    ndots,
  });
  const want = expected.findIndex((c) => c === "web.default.svc.cluster.local." || c === "api.example.com.") + 1;
  const look = first(events, { type: "dns.lookup", from: M.lookup, to: M.policies });
  const done = first(events, { type: "dns.resolved", from: M.lookup, to: M.policies });
  const queries = select(events, { type: "dns.query", from: M.lookup, to: done?.t ?? M.policies });
  const nx = queries.filter((e) => e.rcode === "NXDOMAIN").length;
  const dots = name.replace(/\.$/, "").split(".").length - 1;
  const why = name.endsWith(".")
    ? `${name} ends with a dot, so it is absolute: the resolver skips the search list`
    : dots >= ndots
      ? `${name} has ${dots} dot${dots === 1 ? "" : "s"}, at least ndots:${ndots}, so it is tried as is first`
      : `${name} has ${dots} dot${dots === 1 ? "" : "s"}, fewer than ` +
        `ndots:${ndots}, so each search domain is tried first`;
  return claim(
    "ndots-search-queries",
    `${why}: ` +
      (want === 1
        ? "one name, one A and one AAAA query"
        : `${want - 1} names answered NXDOMAIN before ${expected[want - 1]} ` +
          `(${2 * want} queries, A and AAAA for each)`) +
      ".",
    look !== undefined &&
      done !== undefined &&
      Number(done.tried) === want &&
      queries.length === 2 * want &&
      nx === 2 * (want - 1),
    [look, ...queries.filter((e) => e.rcode === "NXDOMAIN").slice(0, 1), done],
    done === undefined
      ? "the lookup did not resolve."
      : `${String(done.tried)} name(s) tried, ${queries.length} queries ` +
          `(${nx} NXDOMAIN), resolved ${at(done)} as ${String(done.fqdn)}.`,
  );
}

function serviceClaim(events: readonly TraceEvent[]) {
  const look = first(events, { type: "dns.lookup", from: M.serviceLookup, to: M.lookup });
  const q = first(events, {
    type: "dns.query",
    from: M.serviceLookup,
    to: M.lookup,
    where: (e) => e.qtype === "A" && e.rcode === "NOERROR",
  });
  const done = first(events, { type: "dns.resolved", from: M.serviceLookup, to: M.lookup });
  return claim(
    "service-via-coredns",
    `The short name \`web\` becomes web.default.svc.cluster.local through the pod's search list, and ` +
      `CoreDNS's kubernetes plugin answers it from its Service watch with the ClusterIP ${WEB_CLUSTER_IP}.`,
    q?.source === "kubernetes" && q.name === "web.default.svc.cluster.local." && done?.ip === WEB_CLUSTER_IP,
    [look, q, done],
    done === undefined
      ? "web did not resolve."
      : `CoreDNS answered ${String(q?.name)} with ${String(q?.answers)} ${at(q)}; resolved ${at(done)}.`,
  );
}

export const networkPolicyDns: ScenarioDef = {
  id: "network-policy-dns",
  title: "NetworkPolicy and cluster DNS",
  summary:
    "A CNI agent on each node enforces NetworkPolicy: default-deny ingress plus an allow " +
    "rule, a denied connection that times out, egress that needs DNS allowed; pods resolve " +
    "names through the kubelet's resolv.conf (`ndots:5`, search list) and CoreDNS.",
  params: [
    {
      name: "allowBy",
      type: "enum",
      label: "Allow rule",
      description:
        "How `allow-web` picks the clients it lets in: `podSelector` app=client (pods " +
        "of its own namespace) or `namespaceSelector` for namespace monitoring.",
      default: 0,
      options: optionsOf(["podSelector app=client", "namespaceSelector monitoring"]),
    },
    {
      name: "egress",
      type: "enum",
      label: "Client egress",
      description:
        "An egress policy on the client pod after the connections: none, default-deny " +
        "egress allowing only TCP/80 to web, or that plus DNS (UDP and TCP 53).",
      default: 0,
      options: optionsOf(["no egress policy", "deny egress, DNS not allowed", "deny egress, DNS allowed"]),
    },
    {
      name: "lookup",
      type: "enum",
      label: "Name to look up",
      description: "The name the client resolves at 20 s.",
      default: 2,
      options: optionsOf([
        "web (short Service name)",
        "web.default.svc.cluster.local. (trailing dot)",
        "api.example.com (external)",
      ]),
    },
    {
      name: "ndots",
      type: "integer",
      label: "ndots",
      description:
        "`options ndots` in the client's resolv.conf (the kubelet writes 5; a pod's `dnsConfig.options` overrides it).",
      default: 5,
      min: 1,
      max: 5,
    },
  ],
  plan,
  claims: (p, events) => [
    ...connectionClaims(p, events),
    egressClaim(p, events),
    searchClaim(p, events),
    serviceClaim(events),
  ],
};
