// NetworkPolicy semantics, as the NetworkPolicy docs (concepts/services-networking/network-policies)
// and the API's types (staging/src/k8s.io/api/networking/v1/types.go) define them and every CNI
// plugin implements them:
// - a pod is isolated for ingress (egress) when at least one policy in its namespace selects it and
//   lists Ingress (Egress) in policyTypes; otherwise everything is allowed in that direction;
// - policies only allow: traffic to an isolated pod passes when any rule of any policy selecting it
//   matches (the union), and there is no deny rule, so a later policy can never block what another allows;
// - a rule's peer with podSelector alone means pods of the policy's namespace; namespaceSelector alone,
//   every pod of the matching namespaces; both in one peer, pods that match both; an empty list of
//   peers (or ports) matches every peer (port);
// - namespaces are matched by their labels, and the API server sets `kubernetes.io/metadata.name`
//   on every namespace (NamespaceDefaultLabelName, staging/src/k8s.io/api/core/v1/well_known_labels.go),
//   which is the only namespace label this model knows.
import { matchesLabels } from "../../objects/helpers";
import type { NetworkPolicy, NetworkPolicyPeer, NetworkPolicyRule } from "../../objects/networking";

export type PodRef = { namespace: string; name: string; labels: Record<string, string> };
export type Direction = "Ingress" | "Egress";
type Verdict = { allowed: boolean; isolatedBy: string[]; allowedBy: string | null };

const NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

function namespaceLabels(namespace: string): Record<string, string> {
  return { [NAMESPACE_NAME_LABEL]: namespace };
}

function peerMatches(peer: NetworkPolicyPeer, policyNamespace: string, other: PodRef): boolean {
  const nsOk =
    peer.namespaceSelector === undefined
      ? other.namespace === policyNamespace
      : matchesLabels(namespaceLabels(other.namespace), peer.namespaceSelector);
  const podOk = peer.podSelector === undefined ? true : matchesLabels(other.labels, peer.podSelector);
  return nsOk && podOk;
}

function ruleMatches(
  rule: NetworkPolicyRule,
  policyNamespace: string,
  other: PodRef,
  port: number,
  protocol: "TCP" | "UDP",
): boolean {
  const portOk = rule.ports.length === 0 || rule.ports.some((p) => p.port === port && p.protocol === protocol);
  const peerOk = rule.peers.length === 0 || rule.peers.some((peer) => peerMatches(peer, policyNamespace, other));
  return portOk && peerOk;
}

/** The policies that isolate `pod` in `direction`, by name. */
export function isolating(policies: readonly NetworkPolicy[], pod: PodRef, direction: Direction): NetworkPolicy[] {
  return policies
    .filter(
      (np) =>
        np.metadata.namespace === pod.namespace &&
        np.spec.policyTypes.includes(direction) &&
        matchesLabels(pod.labels, np.spec.podSelector),
    )
    .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
}

/**
 * Whether traffic between `pod` (the one the policies protect) and `other` passes in `direction`:
 * Ingress, `other` is the source; Egress, `other` is the destination.
 */
export function verdict(
  policies: readonly NetworkPolicy[],
  pod: PodRef,
  other: PodRef,
  direction: Direction,
  port: number,
  protocol: "TCP" | "UDP",
): Verdict {
  const iso = isolating(policies, pod, direction);
  if (iso.length === 0) return { allowed: true, isolatedBy: [], allowedBy: null };
  const by = iso.find((np) =>
    (direction === "Ingress" ? np.spec.ingress : np.spec.egress).some((r) =>
      ruleMatches(r, np.metadata.namespace!, other, port, protocol),
    ),
  );
  return {
    allowed: by !== undefined,
    isolatedBy: iso.map((np) => np.metadata.name),
    allowedBy: by?.metadata.name ?? null,
  };
}
