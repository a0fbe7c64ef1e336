// The process inside one client pod of the network-policy-dns scenario (think `curl` and `nslookup`
// in a debug pod): at scripted times it opens a TCP connection to a pod picked by label, with a
// connect timeout like curl's --connect-timeout, or resolves a name through the /etc/resolv.conf
// the kubelet gave the pod, the way glibc's stub resolver does: each candidate name from the search
// list gets an A and an AAAA query, NXDOMAIN moves on to the next, and a query with no answer is
// resent after `timeout` (5 s) up to `attempts` (2) times before the lookup fails. It learns its
// own pod (IP, node, namespace) and its targets from a pod watch, and hands every packet to the
// CNI agent of the node its pod runs on.
import { defineComponent, type Ctx } from "../../core/component";
import type { Envelope, Ms, ProcId } from "../../core/types";
import type { HttpClientConfig } from "../../client/http-client";
import { emptyRecord, withEntry, without } from "../../core/records";
import { matchesLabels } from "../../objects/helpers";
import type { Pod } from "../../objects/core";
import { podResolvConf, resolvConfText, searchCandidates } from "../kubelet/dns";
import type { DnsType, PodNetwork } from "./protocol";
import { clusterWideSpec } from "../../client/informer";
import { objectsOf, newWatches, watchOnMessage, watchOnTimer, type Watched, type WatchTimer } from "../../client/watch";

export type NetAction =
  | { at: Ms; kind: "connect"; namespace: string; selector: Record<string, string>; port: number }
  | { at: Ms; kind: "lookup"; name: string };

export type NetClientConfig = PodNetwork & {
  api: HttpClientConfig;
  namespace: string;
  pod: string;
  clusterDomain: string;
  connectTimeoutMs: Ms;
  dnsTimeoutMs: Ms;
  dnsAttempts: number;
  actions: NetAction[];
};

type Conn = { target: string; ip: string; startedAt: Ms };
type Query = { qtype: DnsType; attempt: number; rcode: string | null; answers: string[] };
type Lookup = {
  name: string;
  candidates: string[];
  index: number;
  queries: Readonly<Record<string, Query>>;
  sent: number;
  startedAt: Ms;
};
type NetClientState = { watch: Watched; conns: Readonly<Record<string, Conn>>; lookup: Lookup | null };
type Timer =
  | WatchTimer
  | { lib?: undefined; t: "action"; i: number }
  | { lib?: undefined; t: "connect-timeout"; id: string }
  | { lib?: undefined; t: "dns-timeout"; id: string };

function self(s: NetClientState, cfg: NetClientConfig): Pod | undefined {
  return objectsOf<Pod>(s.watch, "pods").find(
    (p) =>
      p.metadata.name === cfg.pod &&
      p.metadata.namespace === cfg.namespace &&
      p.status.podIP !== null &&
      p.spec.nodeName !== null,
  );
}

function agentOf(me: Pod, cfg: NetClientConfig): ProcId | undefined {
  return cfg.agents[me.spec.nodeName!];
}

function connect(
  s: NetClientState,
  a: Extract<NetAction, { kind: "connect" }>,
  cfg: NetClientConfig,
  ctx: Ctx,
): NetClientState {
  const me = self(s, cfg);
  const target = objectsOf<Pod>(s.watch, "pods")
    .filter(
      (p) =>
        p.metadata.namespace === a.namespace &&
        matchesLabels(p.metadata.labels, a.selector) &&
        p.status.podIP !== null &&
        p.status.phase === "Running",
    )
    .sort((x, y) => (x.metadata.name < y.metadata.name ? -1 : 1))[0];
  const agent = me === undefined ? undefined : agentOf(me, cfg);
  if (me === undefined || target === undefined || agent === undefined) {
    ctx.trace(
      "conn.skipped",
      `${cfg.namespace}/${cfg.pod} has no running pod to connect to (or is not running itself).`,
      { client: `${cfg.namespace}/${cfg.pod}` },
    );
    return s;
  }
  const id = ctx.nextId("syn");
  const name = `${a.namespace}/${target.metadata.name}`;
  ctx.send(agent, { p: "pod", kind: "syn", id, src: me.status.podIP!, dst: target.status.podIP!, port: a.port });
  ctx.after(cfg.connectTimeoutMs, { t: "connect-timeout", id });
  ctx.trace(
    "conn.attempt",
    `${cfg.namespace}/${cfg.pod} (${me.status.podIP}) connects to ${name} ` +
      `(${target.status.podIP}:${a.port}), connect timeout ${cfg.connectTimeoutMs / 1000} s.`,
    { id, client: `${cfg.namespace}/${cfg.pod}`, target: name, ip: target.status.podIP!, port: a.port },
  );
  return { ...s, conns: withEntry(s.conns, id, { target: name, ip: target.status.podIP!, startedAt: ctx.now }) };
}

function sendQuery(l: Lookup, qtype: DnsType, attempt: number, me: Pod, cfg: NetClientConfig, ctx: Ctx): Lookup {
  const id = ctx.nextId("dns");
  const agent = agentOf(me, cfg);
  if (agent !== undefined)
    ctx.send(agent, {
      p: "pod",
      kind: "dns-query",
      id,
      src: me.status.podIP!,
      server: cfg.clusterDns,
      name: l.candidates[l.index]!,
      qtype,
    });
  ctx.after(cfg.dnsTimeoutMs, { t: "dns-timeout", id });
  return { ...l, sent: l.sent + 1, queries: withEntry(l.queries, id, { qtype, attempt, rcode: null, answers: [] }) };
}

function tryCandidate(l0: Lookup, me: Pod, cfg: NetClientConfig, ctx: Ctx): Lookup {
  const l = { ...l0, queries: emptyRecord<Query>() };
  return sendQuery(sendQuery(l, "A", 1, me, cfg, ctx), "AAAA", 1, me, cfg, ctx);
}

function lookup(s: NetClientState, name: string, cfg: NetClientConfig, ctx: Ctx): NetClientState {
  const me = self(s, cfg);
  if (me === undefined) return s;
  const rc = podResolvConf(me, cfg.clusterDns, cfg.clusterDomain);
  const candidates = searchCandidates(name, rc);
  const dots = name.replace(/\.$/, "").split(".").length - 1;
  const dotsText = name.endsWith(".")
    ? "absolute: trailing dot"
    : `${dots} dot${dots === 1 ? "" : "s"}, ndots:${rc.ndots}`;
  ctx.trace(
    "dns.lookup",
    `${cfg.namespace}/${cfg.pod} looks up ${name} ` +
      `(${dotsText}); ` +
      `its /etc/resolv.conf from the kubelet: ${resolvConfText(rc)}; names to try in order: ` +
      `${candidates.join(", ")} (an A and an AAAA query each).`,
    {
      client: `${cfg.namespace}/${cfg.pod}`,
      name,
      ndots: rc.ndots,
      search: rc.searches.join(" "),
      nameserver: rc.nameservers.join(" "),
      candidates: candidates.join(" "),
      dots,
    },
  );
  return {
    ...s,
    lookup: tryCandidate(
      { name, candidates, index: 0, queries: emptyRecord(), sent: 0, startedAt: ctx.now },
      me,
      cfg,
      ctx,
    ),
  };
}

function onAnswer(
  s: NetClientState,
  id: string,
  rcode: string,
  answers: string[],
  cfg: NetClientConfig,
  ctx: Ctx,
): NetClientState {
  const l = s.lookup;
  const q = l?.queries[id];
  if (l === null || q === undefined || q.rcode !== null) return s;
  const next: Lookup = { ...l, queries: withEntry(l.queries, id, { ...q, rcode, answers }) };
  const qs = Object.values(next.queries);
  if (qs.some((x) => x.rcode === null)) return { ...s, lookup: next };
  const a = qs.find((x) => x.qtype === "A");
  const fqdn = l.candidates[l.index]!;
  const fields = {
    client: `${cfg.namespace}/${cfg.pod}`,
    name: l.name,
    tried: l.index + 1,
    queries: l.sent,
    ms: ctx.now - l.startedAt,
  };
  if (a !== undefined && a.answers.length > 0) {
    ctx.trace(
      "dns.resolved",
      `${l.name} resolved as ${fqdn} → ${a.answers.join(", ")}, on name ${l.index + 1} of ` +
        `${l.candidates.length}, after ${l.sent} queries (A and AAAA for each name).`,
      { ...fields, fqdn, ip: a.answers.join(",") },
    );
    return { ...s, lookup: null };
  }
  const me = self(s, cfg);
  if (l.index + 1 >= l.candidates.length || me === undefined) {
    ctx.trace("dns.failed", `${l.name} does not resolve: every name tried was NXDOMAIN (${l.sent} queries).`, {
      ...fields,
      reason: "NXDOMAIN",
    });
    return { ...s, lookup: null };
  }
  return { ...s, lookup: tryCandidate({ ...next, index: l.index + 1 }, me, cfg, ctx) };
}

function onDnsTimeout(s: NetClientState, id: string, cfg: NetClientConfig, ctx: Ctx): NetClientState {
  const l = s.lookup;
  const q = l?.queries[id];
  const me = self(s, cfg);
  if (l === null || q === undefined || q.rcode !== null || me === undefined) return s;
  if (q.attempt < cfg.dnsAttempts) {
    const resent = sendQuery({ ...l, queries: without(l.queries, id) }, q.qtype, q.attempt + 1, me, cfg, ctx);
    return { ...s, lookup: resent };
  }
  ctx.trace(
    "dns.timeout",
    `${l.name}: no answer from ${cfg.clusterDns} after ${cfg.dnsAttempts} attempts of ` +
      `${cfg.dnsTimeoutMs / 1000} s: "connection timed out; no servers could be reached" (${l.sent} queries sent, ` +
      "none answered).",
    { client: `${cfg.namespace}/${cfg.pod}`, name: l.name, queries: l.sent, ms: ctx.now - l.startedAt },
  );
  return { ...s, lookup: null };
}

function onMessage(s: NetClientState, env: Envelope, ctx: Ctx, cfg: NetClientConfig): NetClientState {
  const b = env.body;
  if (b.p === "pod" && b.kind === "syn-ack") {
    const c = s.conns[b.id];
    if (c === undefined) return s;
    ctx.trace(
      "conn.established",
      `${cfg.namespace}/${cfg.pod} connected to ${c.target} (${c.ip}) in ${ctx.now - c.startedAt} ms.`,
      { id: b.id, client: `${cfg.namespace}/${cfg.pod}`, target: c.target, ms: ctx.now - c.startedAt },
    );
    return { ...s, conns: without(s.conns, b.id) };
  }
  if (b.p === "pod" && b.kind === "dns-answer") return onAnswer(s, b.id, b.rcode, b.answers, cfg, ctx);
  return { ...s, watch: watchOnMessage(s.watch, env, cfg.api, ctx).w };
}

export const netClient = defineComponent<NetClientConfig, NetClientState, Timer>({
  kind: "net-client",
  boot: (cfg, _p, ctx) => {
    cfg.actions.forEach((a, i) => ctx.after(Math.max(0, a.at - ctx.now), { t: "action", i }));
    return { watch: newWatches([clusterWideSpec("pods")], cfg.api, ctx), conns: emptyRecord(), lookup: null };
  },
  onMessage,
  onTimer: (s, timer, ctx, cfg) => {
    if (timer.lib !== undefined) return { ...s, watch: watchOnTimer(s.watch, timer, cfg.api, ctx).w };
    if (timer.t === "connect-timeout") {
      const c = s.conns[timer.id];
      if (c === undefined) return s;
      ctx.trace(
        "conn.timeout",
        `${cfg.namespace}/${cfg.pod}: connection to ${c.target} (${c.ip}) timed out ` +
          `after ${cfg.connectTimeoutMs / 1000} s: no SYN-ACK and no reset came back.`,
        { id: timer.id, client: `${cfg.namespace}/${cfg.pod}`, target: c.target, ms: ctx.now - c.startedAt },
      );
      return { ...s, conns: without(s.conns, timer.id) };
    }
    if (timer.t === "dns-timeout") return onDnsTimeout(s, timer.id, cfg, ctx);
    const a = cfg.actions[timer.i];
    if (a === undefined) return s;
    return a.kind === "connect" ? connect(s, a, cfg, ctx) : lookup(s, a.name, cfg, ctx);
  },
});
