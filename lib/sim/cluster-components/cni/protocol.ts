// Pod-to-pod packets as the scenario network-policy-dns follows them: a client pod's TCP SYN and its
// DNS queries leave through its node's CNI agent (which enforces egress policy), a SYN crosses to the
// destination node's agent (ingress policy) and on to the pod. A dropped packet gets no answer at all:
// NetworkPolicy drops, it never resets, so the client waits out its own timeout.

import type { ProcId } from "../../core/types";

/** Where a pod's packets go: its node's CNI agent (agents by node name), its DNS queries to the kube-dns ClusterIP. */
export type PodNetwork = { agents: Record<string, ProcId>; clusterDns: string };

export type DnsType = "A" | "AAAA";
/** NOERROR with the answer, NOERROR without records (NODATA), or NXDOMAIN. */
export type DnsRcode = "NOERROR" | "NXDOMAIN";

type PodNetMsg =
  /** A TCP SYN from `src` to `dst`:`port`, handed to the sender's node agent. */
  | { p: "pod"; kind: "syn"; id: string; src: string; dst: string; port: number }
  /** The source node's agent passes an egress-allowed SYN to the destination node's agent. */
  | { p: "pod"; kind: "syn-fwd"; id: string; src: string; dst: string; port: number; client: string }
  /** The SYN-ACK, straight back to the client (conntrack lets replies of an allowed connection through). */
  | { p: "pod"; kind: "syn-ack"; id: string; src: string }
  /** A UDP DNS query to `server` (the kube-dns ClusterIP), handed to the sender's node agent. */
  | { p: "pod"; kind: "dns-query"; id: string; src: string; server: string; name: string; qtype: DnsType }
  /** The query after the agent's egress check and kube-proxy's DNAT, at CoreDNS; it answers `client`. */
  | { p: "pod"; kind: "dns-fwd"; id: string; src: string; name: string; qtype: DnsType; client: string }
  | { p: "pod"; kind: "dns-answer"; id: string; name: string; qtype: DnsType; rcode: DnsRcode; answers: string[] };

/** These messages cross the simulated network (core/messages.ts). */
declare module "../../core/messages" {
  interface MessageProtocols {
    pod: PodNetMsg;
  }
}
