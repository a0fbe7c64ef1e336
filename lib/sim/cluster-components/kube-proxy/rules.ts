// What kube-proxy programs for a set of Services and their ready endpoints, in each mode, after the
// layout of upstream's proxiers (pkg/proxy/iptables, pkg/proxy/ipvs, pkg/proxy/nftables):
//  - iptables: KUBE-SERVICES holds one rule per service port, matched in order; each KUBE-SVC-*
//    chain has a masquerade rule and one `statistic --mode random` rule per endpoint; each KUBE-SEP-*
//    chain marks hairpin traffic and DNATs. Services without endpoints get a REJECT in the filter table.
//  - ipvs: a constant set of iptables rules matching the KUBE-CLUSTER-IP ipset, one IPVS virtual
//    server per service port and one real server per endpoint (hash lookups).
//  - nftables: one `service-ips` verdict map; per service a chain with a masquerade rule and one
//    `numgen random mod N vmap` rule; per endpoint a chain with two rules.
// The rule text is illustrative (real lines carry more matches and comments); the counts and the
// order a packet meets them follow the upstream layout. Pure.
import { fnv1a } from "../../core/hash";

export type ProxyMode = "iptables" | "ipvs" | "nftables";
export const PROXY_MODES: readonly ProxyMode[] = ["iptables", "ipvs", "nftables"];

/**
 * One Service port with the addresses (ip:port) of its ready endpoints; `terminatingFallback` when none
 * is ready and these are the endpoints still serving while they terminate.
 */
export type ServicePort = {
  name: string;
  vip: string;
  port: number;
  protocol: "TCP" | "UDP";
  endpoints: string[];
  terminatingFallback?: true;
};

/** Rules per chain, plus entries kept in hash structures (ipset, IPVS tables, nftables maps). */
type RuleTable = { mode: ProxyMode; chains: Record<string, string[]>; rules: number; hashEntries: number };

/** Fixed rules every sync writes whatever the services (jumps from the hooks, masquerade plumbing). */
const BASE_RULES: Record<ProxyMode, number> = { iptables: 12, ipvs: 14, nftables: 12 };

const B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** A 16-character chain suffix, like upstream's base32(sha256(...))[:16]. Pure. */
function chainSuffix(text: string): string {
  let a = fnv1a(text);
  let b = fnv1a(text, a ^ 0x9e3779b9);
  let out = "";
  for (let i = 0; i < 16; i++) {
    const src = i < 8 ? a : b;
    out += B32[src & 31];
    if (i < 8) a = a >>> 4;
    else b = b >>> 4;
    if (i === 7) a = src;
  }
  return out;
}

function base(mode: ProxyMode): string[] {
  return Array.from({ length: BASE_RULES[mode] }, (_, i) => `(fixed rule ${i + 1})`);
}

function iptables(svcs: readonly ServicePort[]): RuleTable {
  const chains: Record<string, string[]> = { base: base("iptables"), "KUBE-SERVICES": [], "filter KUBE-SERVICES": [] };
  for (const s of svcs) {
    const match = `-d ${s.vip}/32 -p ${s.protocol.toLowerCase()} --dport ${s.port}`;
    if (s.endpoints.length === 0) {
      chains["filter KUBE-SERVICES"]!.push(`${match} -j REJECT  # ${s.name} has no endpoints`);
      continue;
    }
    const svc = `KUBE-SVC-${chainSuffix(s.name)}`;
    chains["KUBE-SERVICES"]!.push(`${match} -j ${svc}  # ${s.name}`);
    const rules = [`! -s 10.244.0.0/16 ${match} -j KUBE-MARK-MASQ`];
    s.endpoints.forEach((ep, i) => {
      const sep = `KUBE-SEP-${chainSuffix(`${s.name}/${ep}`)}`;
      const left = s.endpoints.length - i;
      rules.push(
        left > 1 ? `-m statistic --mode random --probability ${(1 / left).toFixed(5)} -j ${sep}` : `-j ${sep}`,
      );
      chains[sep] = [`-s ${ep.split(":")[0]}/32 -j KUBE-MARK-MASQ`, `-p tcp -j DNAT --to-destination ${ep}`];
    });
    chains[svc] = rules;
  }
  chains["KUBE-SERVICES"]!.push("-m addrtype --dst-type LOCAL -j KUBE-NODEPORTS");
  return { mode: "iptables", chains, rules: Object.values(chains).reduce((a, r) => a + r.length, 0), hashEntries: 0 };
}

function ipvs(svcs: readonly ServicePort[]): RuleTable {
  const withEps = svcs.filter((s) => s.endpoints.length > 0);
  const chains: Record<string, string[]> = {
    base: base("ipvs"),
    "ipset KUBE-CLUSTER-IP": svcs.map((s) => `${s.vip},${s.protocol.toLowerCase()}:${s.port}`),
    "ipvs virtual servers": withEps.map((s) => `${s.protocol} ${s.vip}:${s.port} rr  # ${s.name}`),
    "ipvs real servers": withEps.flatMap((s) => s.endpoints.map((ep) => `${s.vip}:${s.port} -> ${ep} Masq`)),
  };
  const hashEntries =
    chains["ipset KUBE-CLUSTER-IP"]!.length +
    chains["ipvs virtual servers"]!.length +
    chains["ipvs real servers"]!.length;
  return { mode: "ipvs", chains, rules: BASE_RULES.ipvs, hashEntries };
}

function nftables(svcs: readonly ServicePort[]): RuleTable {
  const chains: Record<string, string[]> = {
    base: base("nftables"),
    "map service-ips": [],
    "map no-endpoint-services": [],
  };
  for (const s of svcs) {
    const key = `${s.vip} . ${s.protocol.toLowerCase()} . ${s.port}`;
    if (s.endpoints.length === 0) {
      chains["map no-endpoint-services"]!.push(`${key} : goto reject-chain  # ${s.name}`);
      continue;
    }
    const svc = `service-${chainSuffix(s.name).slice(0, 8)}-${s.name.replace(":", "/")}`;
    chains["map service-ips"]!.push(`${key} : goto ${svc}`);
    const eps = s.endpoints.map((ep) => `endpoint-${chainSuffix(`${s.name}/${ep}`).slice(0, 8)}-${ep}`);
    chains[svc] = [
      `ip daddr ${s.vip} ip saddr != 10.244.0.0/16 jump mark-for-masquerade`,
      `numgen random mod ${eps.length} vmap { ${eps.map((e, i) => `${i} : goto ${e}`).join(", ")} }`,
    ];
    eps.forEach(
      (e, i) =>
        (chains[e] = [
          `ip saddr ${s.endpoints[i]!.split(":")[0]} jump mark-for-masquerade`,
          `meta l4proto tcp dnat to ${s.endpoints[i]}`,
        ]),
    );
  }
  let rules = 0;
  for (const [name, list] of Object.entries(chains)) if (!name.startsWith("map ")) rules += list.length;
  const hashEntries = chains["map service-ips"]!.length + chains["map no-endpoint-services"]!.length;
  return { mode: "nftables", chains, rules, hashEntries };
}

/** The rules kube-proxy in `mode` programs for `svcs` (in the order given). Pure. */
export function programRules(mode: ProxyMode, svcs: readonly ServicePort[]): RuleTable {
  return mode === "iptables" ? iptables(svcs) : mode === "ipvs" ? ipvs(svcs) : nftables(svcs);
}

/** Closed forms of programRules for S services with E ready endpoints each (tests check they agree). Pure. */
export function countRules(
  mode: ProxyMode,
  services: number,
  endpoints: number,
): { rules: number; hashEntries: number } {
  if (mode === "iptables")
    return {
      rules: BASE_RULES.iptables + 1 + (endpoints === 0 ? services : services * (2 + 3 * endpoints)),
      hashEntries: 0,
    };
  if (mode === "ipvs")
    return { rules: BASE_RULES.ipvs, hashEntries: services + (endpoints === 0 ? 0 : services + services * endpoints) };
  return { rules: BASE_RULES.nftables + (endpoints === 0 ? 0 : services * (2 + 2 * endpoints)), hashEntries: services };
}

/**
 * How many rule matches or hash lookups the first packet of a connection makes on its way to an
 * endpoint: the service sits at `position` (1-based) of S, and endpoint `pick` (1-based) is chosen.
 * iptables walks KUBE-SERVICES in order, then the statistic rules in order; the others hash. Pure.
 */
export function packetSteps(mode: ProxyMode, position: number, pick: number): number {
  if (mode === "iptables") return 1 + position + 1 + pick + 2;
  if (mode === "ipvs") return 1 + 1 + 1 + 1;
  return 1 + 1 + 2 + 2;
}

/**
 * The walk of a new connection to a Service port that has no ready endpoints, or null where this
 * model does not say (ipvs). iptables matches the REJECT rule kube-proxy writes in the filter table's
 * KUBE-SERVICES ("has no endpoints", reject-with icmp-port-unreachable); nftables finds the port in
 * its no-endpoint-services map and jumps to a reject (pkg/proxy/nftables/README.md). Either way the
 * client's connect() fails at once with "Connection refused". Pure.
 */
export function rejectPath(mode: ProxyMode, svc: ServicePort): string[] | null {
  const refused = 'the client gets ICMP port unreachable: its connect() fails at once with "Connection refused"';
  if (mode === "iptables") {
    return [
      "nat PREROUTING: -j KUBE-SERVICES, where no rule matches: there is no KUBE-SVC chain to DNAT to",
      `filter KUBE-SERVICES: -d ${svc.vip}/32 --dport ${svc.port} -j REJECT (${svc.name} has no endpoints)`,
      refused,
    ];
  }
  if (mode === "nftables") {
    return [
      "nat-prerouting: jump services, whose service-ips map has no entry for it",
      `filter: one lookup in map no-endpoint-services (${svc.vip} . ` +
        `${svc.protocol.toLowerCase()} . ${svc.port}): goto reject-chain`,
      refused,
    ];
  }
  return null;
}

/** The same walk as packetSteps, spelled out for a learner. Pure. */
export function packetPath(mode: ProxyMode, table: RuleTable, svc: ServicePort, pick: number): string[] {
  const ep = svc.endpoints[pick - 1] ?? "?";
  if (mode === "iptables") {
    const list = table.chains["KUBE-SERVICES"] ?? [];
    const pos = list.findIndex((r) => r.endsWith(`# ${svc.name}`)) + 1;
    return [
      "nat PREROUTING: -j KUBE-SERVICES",
      `KUBE-SERVICES: compared with ${pos} rule(s) in order until -d ${svc.vip} --dport ${svc.port} matches`,
      `KUBE-SVC-${chainSuffix(svc.name)}: masquerade check, then ${pick} statistic rule(s) until one fires`,
      `KUBE-SEP-${chainSuffix(`${svc.name}/${ep}`)}: hairpin check, DNAT to ${ep}`,
    ];
  }
  if (mode === "ipvs") {
    return [
      "nat PREROUTING: -j KUBE-SERVICES",
      `KUBE-SERVICES: one ipset lookup (KUBE-CLUSTER-IP has ${svc.vip},${svc.protocol.toLowerCase()}:${svc.port})`,
      `IPVS: hash lookup of virtual server ${svc.vip}:${svc.port}`,
      `IPVS rr scheduler: real server ${ep}`,
    ];
  }
  return [
    "nat-prerouting: jump services",
    `services: one lookup in verdict map service-ips (${svc.vip} . tcp . ${svc.port})`,
    `service chain: masquerade check, numgen random mod ${svc.endpoints.length} picks ${pick - 1}`,
    `endpoint chain: hairpin check, dnat to ${ep}`,
  ];
}
