// The /etc/resolv.conf the kubelet writes for a pod with dnsPolicy ClusterFirst
// (pkg/kubelet/network/dns/dns.go: GetPodDNS, generateSearchesForDNSClusterFirst): nameserver the
// --cluster-dns address (the kube-dns Service's ClusterIP), search `<ns>.svc.<domain>
// svc.<domain> <domain>` (then the host's own search domains, none here), and `options ndots:5`
// (defaultDNSOptions), with the pod's dnsConfig.options merged over it (mergeDNSOptions).
import type { Pod } from "../../objects/core";

type ResolvConf = { nameservers: string[]; searches: string[]; ndots: number };

export function podResolvConf(pod: Pod, clusterDns: string, clusterDomain: string): ResolvConf {
  const ns = pod.metadata.namespace ?? "default";
  const ndots = pod.spec.dnsConfig?.options.find((o) => o.name === "ndots")?.value;
  return {
    nameservers: [clusterDns],
    searches: [`${ns}.svc.${clusterDomain}`, `svc.${clusterDomain}`, clusterDomain],
    ndots: ndots === undefined ? 5 : Number(ndots),
  };
}

export function resolvConfText(rc: ResolvConf): string {
  return `search ${rc.searches.join(" ")} / nameserver ${rc.nameservers.join(" ")} / options ndots:${rc.ndots}`;
}

/**
 * The names a stub resolver tries, in order (glibc resolv/res_query.c: __res_context_search): a name
 * ending in a dot is absolute and tried alone; one with at least `ndots` dots is tried as is first,
 * then with each search domain; any other name with each search domain first, then as is.
 */
export function searchCandidates(name: string, rc: ResolvConf): string[] {
  if (name.endsWith(".")) return [name];
  const dots = name.split(".").length - 1;
  const searched = rc.searches.map((d) => `${name}.${d}.`);
  return dots >= rc.ndots ? [`${name}.`, ...searched] : [...searched, `${name}.`];
}
