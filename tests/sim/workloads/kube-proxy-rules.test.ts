// kube-proxy's rule model: the closed-form counts agree with the generated rules, iptables grows
// with services x endpoints and walks KUBE-SERVICES in order, IPVS and nftables look services up.
import { describe, expect, it } from "vitest";
import {
  countRules,
  packetPath,
  packetSteps,
  programRules,
  PROXY_MODES,
  type ServicePort,
} from "@/lib/sim/cluster-components/kube-proxy/rules";

function services(n: number, e: number): ServicePort[] {
  return Array.from({ length: n }, (_, i) => ({
    name: `default/svc-${i}:80`,
    vip: `10.96.${i >> 8}.${i & 255}`,
    port: 80,
    protocol: "TCP" as const,
    endpoints: Array.from({ length: e }, (_, j) => `10.244.${j}.${i % 250}:80`),
  }));
}

describe("kube-proxy rules", () => {
  it("counts rules and hash entries exactly as programRules writes them, in every mode", () => {
    for (const mode of PROXY_MODES) {
      for (const [s, e] of [
        [0, 0],
        [1, 0],
        [1, 1],
        [3, 2],
        [20, 7],
        [50, 10],
      ] as const) {
        const t = programRules(mode, services(s, e));
        expect({ rules: t.rules, hashEntries: t.hashEntries }, `${mode} ${s}x${e}`).toEqual(countRules(mode, s, e));
      }
    }
  });

  it(
    "iptables: one KUBE-SVC chain per service (masquerade + one statistic " +
      "rule per endpoint) and one KUBE-SEP chain of 2 rules per endpoint",
    () => {
      const t = programRules("iptables", services(2, 3));
      const svc = Object.keys(t.chains).filter((k) => k.startsWith("KUBE-SVC-"));
      const sep = Object.keys(t.chains).filter((k) => k.startsWith("KUBE-SEP-"));
      expect(svc).toHaveLength(2);
      expect(sep).toHaveLength(6);
      expect(t.chains[svc[0]!]).toHaveLength(4);
      expect(t.chains[svc[0]!]![1]).toContain("--probability 0.33333");
      expect(t.chains[svc[0]!]![2]).toContain("--probability 0.50000");
      expect(t.chains[svc[0]!]![3]).not.toContain("statistic");
      expect(t.chains["KUBE-SERVICES"]!.at(-1)).toContain("KUBE-NODEPORTS");
    },
  );

  it("iptables rejects traffic to a service without endpoints in the filter table", () => {
    const t = programRules("iptables", services(1, 0));
    expect(t.chains["filter KUBE-SERVICES"]![0]).toContain("REJECT");
  });

  it("a first packet walks further in iptables as services grow, and not in ipvs or nftables", () => {
    expect(packetSteps("iptables", 1000, 1)).toBeGreaterThan(packetSteps("iptables", 10, 1));
    expect(packetSteps("ipvs", 1000, 5)).toBe(packetSteps("ipvs", 1, 1));
    expect(packetSteps("nftables", 1000, 5)).toBe(packetSteps("nftables", 1, 1));
    const svcs = services(5, 2);
    const path = packetPath("iptables", programRules("iptables", svcs), svcs[3]!, 2);
    expect(path[1]).toContain("compared with 4 rule(s)");
    expect(path[3]).toContain("DNAT to 10.244.1.3:80");
  });
});
