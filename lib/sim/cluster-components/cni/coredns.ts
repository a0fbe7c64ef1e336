// CoreDNS as kubeadm deploys it (the Corefile: `kubernetes cluster.local in-addr.arpa ip6.arpa`,
// then `forward . /etc/resolv.conf`). The kubernetes plugin (coredns/coredns plugin/kubernetes)
// watches Services and answers for the cluster domain: `<svc>.<ns>.svc.cluster.local` gets the
// Service's ClusterIP as its A record (an IPv4-only Service has no AAAA record: NOERROR with no
// answer), and any other name in the zone is NXDOMAIN (the plugin is authoritative for it, so it
// never forwards those). Names outside the zone go to the upstream resolver.
import { defineComponent, type Ctx } from "../../core/component";
import type { HttpClientConfig } from "../../client/http-client";
import type { Service } from "../../objects/core";
import type { DnsRcode, DnsType } from "./protocol";
import { clusterWideSpec } from "../../client/informer";
import { objectsOf, newWatches, watchOnMessage, watchOnTimer, type Watched, type WatchTimer } from "../../client/watch";

export type CoreDnsConfig = {
  api: HttpClientConfig;
  clusterDomain: string;
  /** What the upstream resolver knows: absolute name → IPv4. */ upstream: Record<string, string>;
};
type CoreDnsState = { watch: Watched };

export function answer(
  services: readonly Service[],
  cfg: CoreDnsConfig,
  fqdn: string,
  qtype: DnsType,
): { rcode: DnsRcode; answers: string[]; source: "kubernetes" | "forward" } {
  const name = fqdn.toLowerCase().replace(/\.$/, "");
  const zone = cfg.clusterDomain;
  if (name === zone || name.endsWith(`.${zone}`)) {
    const labels = name.slice(0, name.length - zone.length - 1).split(".");
    const svc =
      labels.length === 3 && labels[2] === "svc"
        ? services.find((s) => s.metadata.name === labels[0] && s.metadata.namespace === labels[1])
        : undefined;
    if (svc === undefined) return { rcode: "NXDOMAIN", answers: [], source: "kubernetes" };
    return {
      rcode: "NOERROR",
      answers: qtype === "A" && svc.spec.clusterIP !== "None" ? [svc.spec.clusterIP] : [],
      source: "kubernetes",
    };
  }
  const ip = cfg.upstream[name];
  if (ip === undefined) return { rcode: "NXDOMAIN", answers: [], source: "forward" };
  return { rcode: "NOERROR", answers: qtype === "A" ? [ip] : [], source: "forward" };
}

export const coreDns = defineComponent<CoreDnsConfig, CoreDnsState, WatchTimer>({
  kind: "coredns",
  boot: (cfg, _p, ctx) => ({ watch: newWatches([clusterWideSpec("services")], cfg.api, ctx) }),
  onMessage: (s, env, ctx: Ctx, cfg) => {
    const b = env.body;
    if (b.p === "pod" && b.kind === "dns-fwd") {
      const a = answer(objectsOf<Service>(s.watch, "services"), cfg, b.name, b.qtype);
      const what =
        a.rcode === "NXDOMAIN" ? "NXDOMAIN" : a.answers.length === 0 ? "NOERROR, no records" : a.answers.join(", ");
      ctx.trace(
        "dns.query",
        `CoreDNS: ${b.qtype} ${b.name} → ${what} ` +
          `(${a.source === "kubernetes" ? "kubernetes plugin" : "forwarded upstream"}).`,
        {
          id: b.id,
          name: b.name,
          qtype: b.qtype,
          rcode: a.rcode,
          answers: a.answers.join(","),
          source: a.source,
          client: b.src,
        },
      );
      ctx.send(b.client, {
        p: "pod",
        kind: "dns-answer",
        id: b.id,
        name: b.name,
        qtype: b.qtype,
        rcode: a.rcode,
        answers: a.answers,
      });
      return s;
    }
    return { ...s, watch: watchOnMessage(s.watch, env, cfg.api, ctx).w };
  },
  onTimer: (s, timer, ctx, cfg) => ({ ...s, watch: watchOnTimer(s.watch, timer, cfg.api, ctx).w }),
});
