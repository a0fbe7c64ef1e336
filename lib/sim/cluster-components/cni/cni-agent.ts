// A CNI plugin's per-node policy agent (Calico's Felix, Cilium's agent): like kube-proxy it watches
// the API (NetworkPolicies and pods, every namespace) and programs the node's dataplane, here for
// the pods on its own node. Each packet a local pod sends passes the egress rules of the policies
// selecting that pod; each packet arriving for a local pod passes their ingress rules. A packet no
// rule allows is dropped, silently (Calico and Cilium drop by default; NetworkPolicy has no reject),
// so the sender sees nothing and times out. A DNS query to the kube-dns ClusterIP is checked after
// kube-proxy's DNAT to the CoreDNS pod, as the policy sees the pod, not the virtual IP.
import { defineComponent, type Ctx } from "../../core/component";
import type { Envelope, ProcId } from "../../core/types";
import type { HttpClientConfig } from "../../client/http-client";
import type { Pod } from "../../objects/core";
import type { NetworkPolicy } from "../../objects/networking";
import { emptyRecord, withEntry, without } from "../../core/records";
import { isolating, verdict, type Direction, type PodRef } from "./netpol";
import type { PodNetwork } from "./protocol";
import { clusterWideSpec } from "../../client/informer";
import { objectsOf, newWatches, watchOnMessage, watchOnTimer, type Watched, type WatchTimer } from "../../client/watch";

export type CniAgentConfig = PodNetwork & {
  api: HttpClientConfig;
  node: string;
  runtime: ProcId;
  coreDns: { proc: ProcId; pod: PodRef & { ip: string } };
};

type Pending = { client: ProcId; src: string };
type CniAgentState = { watch: Watched; programmed: string; pending: Readonly<Record<string, Pending>> };

/** Every namespace's NetworkPolicies and pods. */
const POLICY_INFORMERS = [clusterWideSpec("networkpolicies"), clusterWideSpec("pods")];

const ref = (p: Pod): PodRef => ({
  namespace: p.metadata.namespace ?? "default",
  name: p.metadata.name,
  labels: p.metadata.labels,
});

function podByIp(s: CniAgentState, ip: string): Pod | undefined {
  return objectsOf<Pod>(s.watch, "pods").find((p) => p.status.podIP === ip);
}

/** The rules this node holds: which local pods are isolated, each way, by which policies. */
function program(s: CniAgentState, cfg: CniAgentConfig, ctx: Ctx): CniAgentState {
  const policies = objectsOf<NetworkPolicy>(s.watch, "networkpolicies");
  const local = objectsOf<Pod>(s.watch, "pods")
    .filter((p) => p.spec.nodeName === cfg.node && p.status.podIP !== null)
    .sort((a, b) =>
      `${a.metadata.namespace}/${a.metadata.name}` < `${b.metadata.namespace}/${b.metadata.name}` ? -1 : 1,
    );
  const lines = local.flatMap((p) =>
    (["Ingress", "Egress"] as const).flatMap((d) => {
      const iso = isolating(policies, ref(p), d);
      return iso.length === 0
        ? []
        : [
            `${p.metadata.namespace}/${p.metadata.name} ${d.toLowerCase()}: ` +
              `${iso.map((np) => np.metadata.name).join(", ")}`,
          ];
    }),
  );
  const sig = lines.join("; ");
  if (sig === s.programmed) return s;
  const isolated = new Set(lines.map((l) => l.split(" ")[0])).size;
  ctx.trace(
    "netpol.programmed",
    lines.length === 0
      ? `CNI agent on ${cfg.node}: no policy selects a pod here, so every packet to and from its pods passes.`
      : `CNI agent on ${cfg.node} programmed ${policies.length} ` +
          `NetworkPolic${policies.length === 1 ? "y" : "ies"} for ${isolated} isolated ` +
          `pod${isolated === 1 ? "" : "s"}: ${sig}.`,
    { node: cfg.node, policies: policies.length, isolated, rules: sig },
  );
  return { ...s, programmed: sig };
}

/** A packet as policy judges it: `pod` is the local pod whose `d` rules apply, `other` its peer; `what` names it. */
type Flow = { d: Direction; pod: PodRef; other: PodRef; port: number; proto: "TCP" | "UDP"; id: string; what: string };

function check(
  s: CniAgentState,
  cfg: CniAgentConfig,
  { d, pod, other, port, proto, id, what }: Flow,
  ctx: Ctx,
): boolean {
  const v = verdict(objectsOf<NetworkPolicy>(s.watch, "networkpolicies"), pod, other, d, port, proto);
  const podName = `${pod.namespace}/${pod.name}`;
  const fields = { node: cfg.node, id, direction: d, pod: podName, peer: `${other.namespace}/${other.name}`, port };
  if (v.allowed) {
    if (v.allowedBy !== null)
      ctx.trace(
        "netpol.allowed",
        `CNI agent on ${cfg.node}: ${what} allowed by ${v.allowedBy} (${d.toLowerCase()} of ${podName}).`,
        { ...fields, policy: v.allowedBy },
      );
    return true;
  }
  ctx.trace(
    "netpol.dropped",
    `CNI agent on ${cfg.node} dropped ${what}: ${podName} is isolated for ` +
      `${d.toLowerCase()} by ${v.isolatedBy.join(", ")} and no rule allows ` +
      `${fields.peer} on ${proto}/${port}. No reset is sent.`,
    { ...fields, protocol: proto, policies: v.isolatedBy.join(",") },
  );
  return false;
}

function onPacket(s: CniAgentState, env: Envelope, ctx: Ctx, cfg: CniAgentConfig): CniAgentState {
  const b = env.body;
  if (b.p === "app" && b.kind === "app-response") {
    const pend = s.pending[b.id];
    if (pend === undefined) return s;
    if (b.status === 200) ctx.send(pend.client, { p: "pod", kind: "syn-ack", id: b.id, src: b.ip });
    return { ...s, pending: without(s.pending, b.id) };
  }
  if (b.p !== "pod") return s;
  if (b.kind === "syn") {
    const src = podByIp(s, b.src);
    const dst = podByIp(s, b.dst);
    if (src === undefined || dst === undefined || dst.spec.nodeName === null) return s;
    const what = `a SYN from ${src.metadata.name} to ${dst.metadata.namespace}/${dst.metadata.name}:${b.port}`;
    const flow: Flow = { d: "Egress", pod: ref(src), other: ref(dst), port: b.port, proto: "TCP", id: b.id, what };
    if (!check(s, cfg, flow, ctx)) return s;
    const agent = cfg.agents[dst.spec.nodeName];
    if (agent !== undefined)
      ctx.send(agent, { p: "pod", kind: "syn-fwd", id: b.id, src: b.src, dst: b.dst, port: b.port, client: env.from });
    return s;
  }
  if (b.kind === "syn-fwd") {
    const src = podByIp(s, b.src);
    const dst = podByIp(s, b.dst);
    if (src === undefined || dst === undefined) return s;
    const what = `a SYN from ${src.metadata.namespace}/${src.metadata.name} to ${dst.metadata.name}:${b.port}`;
    const flow: Flow = { d: "Ingress", pod: ref(dst), other: ref(src), port: b.port, proto: "TCP", id: b.id, what };
    if (!check(s, cfg, flow, ctx)) return s;
    ctx.send(cfg.runtime, { p: "app", kind: "app-request", id: b.id, ip: b.dst });
    return { ...s, pending: withEntry(s.pending, b.id, { client: b.client, src: b.src }) };
  }
  if (b.kind === "dns-query") {
    const src = podByIp(s, b.src);
    if (src === undefined || b.server !== cfg.clusterDns) return s;
    const what = `a DNS query (UDP/53) from ${src.metadata.name} to kube-dns`;
    const flow: Flow = { d: "Egress", pod: ref(src), other: cfg.coreDns.pod, port: 53, proto: "UDP", id: b.id, what };
    if (!check(s, cfg, flow, ctx)) return s;
    ctx.send(cfg.coreDns.proc, {
      p: "pod",
      kind: "dns-fwd",
      id: b.id,
      src: b.src,
      name: b.name,
      qtype: b.qtype,
      client: env.from,
    });
  }
  return s;
}

export const cniAgent = defineComponent<CniAgentConfig, CniAgentState, WatchTimer>({
  kind: "cni-agent",
  boot: (cfg, _p, ctx) => ({
    watch: newWatches(POLICY_INFORMERS, cfg.api, ctx),
    programmed: "",
    pending: emptyRecord(),
  }),
  onMessage: (s, env, ctx, cfg) => {
    if (env.body.p !== "pod" && env.body.p !== "app") {
      const r = watchOnMessage(s.watch, env, cfg.api, ctx);
      const next = { ...s, watch: r.w };
      return r.changed ? program(next, cfg, ctx) : next;
    }
    return onPacket(s, env, ctx, cfg);
  },
  onTimer: (s, timer, ctx, cfg) => {
    const r = watchOnTimer(s.watch, timer, cfg.api, ctx);
    const next = { ...s, watch: r.w };
    return r.changed ? program(next, cfg, ctx) : next;
  },
});
