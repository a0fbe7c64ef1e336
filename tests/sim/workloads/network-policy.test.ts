// The pure parts of the network-policy-dns scenario against upstream's rules: NetworkPolicy
// selection and the allow-list union (staging/src/k8s.io/api/networking/v1/types.go and the
// NetworkPolicy concept page), the kubelet's resolv.conf (pkg/kubelet/network/dns/dns.go), glibc's
// search order (resolv/res_query.c: __res_context_search) and CoreDNS's kubernetes plugin answers.
import { describe, expect, it } from "vitest";
import { answer } from "@/lib/sim/cluster-components/cni/coredns";
import { isolating, verdict, type PodRef } from "@/lib/sim/cluster-components/cni/netpol";
import { podResolvConf, searchCandidates } from "@/lib/sim/cluster-components/kubelet/dns";
import type { Service } from "@/lib/sim/objects/core";
import type { NetworkPolicy } from "@/lib/sim/objects/networking";
import { meta, podOf, podSpec, container, serviceOf } from "@/lib/sim/scenarios/manifests";

function np(name: string, podSelector: Record<string, string>, spec: Partial<NetworkPolicy["spec"]>): NetworkPolicy {
  return {
    kind: "NetworkPolicy",
    apiVersion: "networking.k8s.io/v1",
    metadata: meta(name),
    spec: { podSelector, policyTypes: [], ingress: [], egress: [], ...spec },
  };
}
const web: PodRef = { namespace: "default", name: "web-1", labels: { app: "web" } };
const client: PodRef = { namespace: "default", name: "client", labels: { app: "client" } };
const probe: PodRef = { namespace: "monitoring", name: "probe", labels: { app: "client" } };
const denyAll = np("default-deny-ingress", {}, { policyTypes: ["Ingress"] });

describe("NetworkPolicy verdicts", () => {
  it("a pod no policy selects is not isolated: everything passes", () => {
    expect(verdict([], web, client, "Ingress", 80, "TCP")).toEqual({ allowed: true, isolatedBy: [], allowedBy: null });
  });
  it(
    "podSelector {} with policyTypes [Ingress] and no rules " +
      "isolates every pod of the namespace and allows nothing",
    () => {
      expect(verdict([denyAll], web, client, "Ingress", 80, "TCP").allowed).toBe(false);
      // Isolation is per direction: egress stays open (types.go: PolicyTypes).
      expect(isolating([denyAll], web, "Egress")).toEqual([]);
    },
  );
  it(
    "policies are additive: an allow rule next to default-deny " +
      "lets its peers in, and nothing can deny what one allows",
    () => {
      const allow = np(
        "allow-web",
        { app: "web" },
        {
          policyTypes: ["Ingress"],
          ingress: [{ peers: [{ podSelector: { app: "client" } }], ports: [{ protocol: "TCP", port: 80 }] }],
        },
      );
      expect(verdict([denyAll, allow], web, client, "Ingress", 80, "TCP")).toEqual({
        allowed: true,
        isolatedBy: ["allow-web", "default-deny-ingress"],
        allowedBy: "allow-web",
      });
      // Other port: no rule matches.
      expect(verdict([denyAll, allow], web, client, "Ingress", 8080, "TCP").allowed).toBe(false);
    },
  );
  it("a podSelector peer alone selects pods in the policy's own namespace only", () => {
    const allow = np(
      "allow-web",
      { app: "web" },
      { policyTypes: ["Ingress"], ingress: [{ peers: [{ podSelector: { app: "client" } }], ports: [] }] },
    );
    expect(verdict([allow], web, probe, "Ingress", 80, "TCP").allowed).toBe(false);
  });
  it(
    "a namespaceSelector peer matches the kubernetes.io/metadata.name " +
      "label the API server sets on every namespace",
    () => {
      const allow = np(
        "allow-web",
        { app: "web" },
        {
          policyTypes: ["Ingress"],
          ingress: [{ peers: [{ namespaceSelector: { "kubernetes.io/metadata.name": "monitoring" } }], ports: [] }],
        },
      );
      expect(verdict([allow], web, probe, "Ingress", 80, "TCP").allowed).toBe(true);
      expect(verdict([allow], web, client, "Ingress", 80, "TCP").allowed).toBe(false);
    },
  );
  it("egress default-deny blocks DNS unless a rule allows port 53", () => {
    const dns: PodRef = { namespace: "kube-system", name: "coredns", labels: { "k8s-app": "kube-dns" } };
    const onlyWeb = np(
      "client-egress",
      { app: "client" },
      {
        policyTypes: ["Egress"],
        egress: [{ peers: [{ podSelector: { app: "web" } }], ports: [{ protocol: "TCP", port: 80 }] }],
      },
    );
    expect(verdict([onlyWeb], client, dns, "Egress", 53, "UDP").allowed).toBe(false);
    expect(verdict([onlyWeb], client, web, "Egress", 80, "TCP").allowed).toBe(true);
    const withDns = np(
      "client-egress",
      { app: "client" },
      {
        policyTypes: ["Egress"],
        egress: [...onlyWeb.spec.egress, { peers: [], ports: [{ protocol: "UDP", port: 53 }] }],
      },
    );
    expect(verdict([withDns], client, dns, "Egress", 53, "UDP").allowed).toBe(true);
  });
});

describe("pod DNS", () => {
  const pod = podOf("client", { app: "client" }, podSpec([container("c", "nginx:1.27")]));
  it(
    "pkg/kubelet/network/dns/dns.go: ClusterFirst gives search " +
      "<ns>.svc.<domain> svc.<domain> <domain>, the cluster DNS IP and ndots:5",
    () => {
      expect(podResolvConf(pod, "10.96.0.10", "cluster.local")).toEqual({
        nameservers: ["10.96.0.10"],
        searches: ["default.svc.cluster.local", "svc.cluster.local", "cluster.local"],
        ndots: 5,
      });
      const tuned = { ...pod, spec: { ...pod.spec, dnsConfig: { options: [{ name: "ndots", value: "2" }] } } };
      expect(podResolvConf(tuned, "10.96.0.10", "cluster.local").ndots).toBe(2);
    },
  );
  it(
    "glibc tries the search list first for a name with fewer dots than ndots, " +
      "the name first otherwise, and only the name when it ends in a dot",
    () => {
      const rc = podResolvConf(pod, "10.96.0.10", "cluster.local");
      expect(searchCandidates("api.example.com", rc)).toEqual([
        "api.example.com.default.svc.cluster.local.",
        "api.example.com.svc.cluster.local.",
        "api.example.com.cluster.local.",
        "api.example.com.",
      ]);
      expect(searchCandidates("api.example.com", { ...rc, ndots: 2 })[0]).toBe("api.example.com.");
      expect(searchCandidates("api.example.com.", rc)).toEqual(["api.example.com."]);
    },
  );
  it(
    "CoreDNS kubernetes plugin: <svc>.<ns>.svc.cluster.local is the " +
      "ClusterIP, other cluster.local names NXDOMAIN, the rest forwarded",
    () => {
      const svcs: Service[] = [serviceOf("web", { app: "web" }, "10.96.45.7")];
      const cfg = {
        api: { server: "x", credential: { kind: "bearer" as const, token: "t" } },
        clusterDomain: "cluster.local",
        upstream: { "api.example.com": "203.0.113.10" },
      };
      expect(answer(svcs, cfg, "web.default.svc.cluster.local.", "A")).toEqual({
        rcode: "NOERROR",
        answers: ["10.96.45.7"],
        source: "kubernetes",
      });
      expect(answer(svcs, cfg, "web.default.svc.cluster.local.", "AAAA")).toEqual({
        rcode: "NOERROR",
        answers: [],
        source: "kubernetes",
      });
      expect(answer(svcs, cfg, "api.example.com.default.svc.cluster.local.", "A").rcode).toBe("NXDOMAIN");
      expect(answer(svcs, cfg, "api.example.com.", "A")).toEqual({
        rcode: "NOERROR",
        answers: ["203.0.113.10"],
        source: "forward",
      });
    },
  );
});
