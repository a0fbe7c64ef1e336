// networking.k8s.io/v1 NetworkPolicy.
import type { ApiObject } from "./meta";

/**
 * A peer of a NetworkPolicy rule: pods by label in the policy's namespace, or in the namespaces a namespaceSelector
 * matches (both: pods by label in those namespaces).
 */
export type NetworkPolicyPeer = { podSelector?: Record<string, string>; namespaceSelector?: Record<string, string> };
type NetworkPolicyPort = { protocol: "TCP" | "UDP"; port: number };
/**
 * A rule allows traffic from/to any of `peers` (none listed: every peer) on any of `ports` (none listed: every port).
 */
export type NetworkPolicyRule = { peers: NetworkPolicyPeer[]; ports: NetworkPolicyPort[] };

/** networking.k8s.io/v1 NetworkPolicy (matchLabels selectors only). */
export type NetworkPolicy = ApiObject<"NetworkPolicy", "networking.k8s.io/v1"> & {
  spec: {
    podSelector: Record<string, string>;
    policyTypes: ("Ingress" | "Egress")[];
    ingress: NetworkPolicyRule[];
    egress: NetworkPolicyRule[];
  };
};
