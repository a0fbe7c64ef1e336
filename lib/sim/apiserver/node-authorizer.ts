// The Node authorizer (plugin/pkg/auth/authorizer/node/node_authorizer.go), first in kubeadm's
// --authorization-mode=Node,RBAC. It has an opinion only on users it identifies as a node
// (pkg/auth/nodeidentifier: name system:node:<name>, group system:nodes), and it only ever allows:
// everything it does not allow is "no opinion" and falls through to RBAC, which binds nothing to
// system:nodes (the binding was emptied in 1.8). Pods and nodes are subdivided as with the feature
// gate AuthorizeNodeWithSelectors (on by default since 1.32, GA and locked on in 1.34): a kubelet
// lists and watches only pods with spec.nodeName=<its node> and reads only its own Node. Reads of
// other objects follow the graph of pods bound to the node (node <- pod <- pvc); writes it allows
// broadly (create nodes, pod status...) are narrowed to the node's own objects by NodeRestriction.
import type { KubeObject } from "../objects/types";
import { storeKey } from "../objects/resources";
import type { UserInfo } from "./authn";
import { rulesAllow, type Attributes, type PolicyRule } from "./rbac";

export type NodeDecision = { allowed: true; reason: string } | { allowed: false; reason: string };

/** bootstrappolicy.NodeRules(), the part the sim serves: the rules for resources it does not subdivide. */
const NODE_RULES: PolicyRule[] = [{ verbs: ["get", "list", "watch"], apiGroups: [""], resources: ["services"] }];

const NODE_USER_PREFIX = "system:node:";

/**
 * NodeIdentity (pkg/auth/nodeidentifier/default.go): the node's name ("" if it has none), or null for a non-node user.
 * Pure.
 */
export function nodeIdentity(user: UserInfo): string | null {
  if (!user.name.startsWith(NODE_USER_PREFIX) || !user.groups.includes("system:nodes")) return null;
  return user.name.slice(NODE_USER_PREFIX.length);
}

const allow = (reason: string): NodeDecision => ({ allowed: true, reason });
const noOpinion = (reason: string): NodeDecision => ({ allowed: false, reason });

/**
 * The Node authorizer's decision for `node`'s request. `pods` is the pod graph's source, the API
 * server's pod watch cache (upstream feeds its graph from the same informers). Pure.
 */
export function authorizeNode(node: string, a: Attributes, pods: Readonly<Record<string, KubeObject>>): NodeDecision {
  if (node === "") return noOpinion(`unknown node for user "${NODE_USER_PREFIX}"`);
  switch (a.resource) {
    case "pods":
      return authorizePod(node, a, pods);
    case "nodes":
      return authorizeNodeObject(node, a);
    case "leases":
      return authorizeLease(node, a);
    case "persistentvolumeclaims":
      if (a.verb !== "get" || a.subresource !== null)
        return noOpinion("can only get individual resources of this type");
      return related(node, a, claimOnNode(pods, a.namespace ?? "", a.name ?? "", node));
  }
  if (rulesAllow(NODE_RULES, a)) return allow("a rule every node has");
  return noOpinion("");
}

function related(node: string, a: Attributes, isRelated: boolean): NodeDecision {
  if (a.name === null) return noOpinion("No Object name found");
  return isRelated
    ? allow(`related to a pod bound to ${node}`)
    : noOpinion(`no relationship found between node '${node}' and this object`);
}

function podOnNode(pods: Readonly<Record<string, KubeObject>>, namespace: string, name: string, node: string): boolean {
  const pod = pods[storeKey(namespace, name)];
  return pod?.kind === "Pod" && pod.spec.nodeName === node;
}

function claimOnNode(
  pods: Readonly<Record<string, KubeObject>>,
  namespace: string,
  claim: string,
  node: string,
): boolean {
  return Object.values(pods).some(
    (p) =>
      p.kind === "Pod" &&
      p.metadata.namespace === namespace &&
      p.spec.nodeName === node &&
      (p.spec.claims ?? []).includes(claim),
  );
}

/** authorizePod: reads through the node's pods; writes allowed, NodeRestriction narrows them. */
function authorizePod(node: string, a: Attributes, pods: Readonly<Record<string, KubeObject>>): NodeDecision {
  if (a.subresource === "status") {
    return a.verb === "update" || a.verb === "patch"
      ? allow(`nodes may update pod status (NodeRestriction: pods on ${node} only)`)
      : noOpinion("");
  }
  if (a.subresource !== null) return noOpinion("");
  switch (a.verb) {
    case "get":
      return related(node, a, a.name !== null && podOnNode(pods, a.namespace ?? "", a.name, node));
    case "list":
    case "watch":
      if (a.fieldSelector?.["spec.nodeName"] === node) return allow(`pods with spec.nodeName=${node}`);
      if (a.name !== null) return related(node, a, podOnNode(pods, a.namespace ?? "", a.name, node));
      return noOpinion("can only list/watch pods with spec.nodeName field selector");
    case "create":
    case "delete":
      return allow(`nodes may create and delete mirror pods (NodeRestriction: on ${node} only)`);
  }
  return noOpinion("");
}

/** authorizeNode: its own Node by name; create/update/patch for any, NodeRestriction narrows them. */
function authorizeNodeObject(node: string, a: Attributes): NodeDecision {
  if (a.subresource === "status")
    return a.verb === "update" || a.verb === "patch"
      ? allow(`nodes may update Node status (NodeRestriction: ${node} only)`)
      : noOpinion("");
  if (a.subresource !== null) return noOpinion("");
  if (a.verb === "create" || a.verb === "update" || a.verb === "patch")
    return allow(`nodes may write Node objects (NodeRestriction: ${node} only)`);
  if (a.verb !== "get" && a.verb !== "list" && a.verb !== "watch") return noOpinion("");
  if (a.name === node) return allow(`its own Node ${node}`);
  return noOpinion(
    a.name === null
      ? `node '${node}' cannot read all nodes, only its own Node object`
      : `node '${node}' cannot read '${a.name}', only its own Node object`,
  );
}

/** authorizeLease: its own Lease in kube-node-lease (on create NodeRestriction checks the name). */
function authorizeLease(node: string, a: Attributes): NodeDecision {
  if (!["get", "create", "update", "patch", "delete"].includes(a.verb))
    return noOpinion("can only get, create, update, patch, or delete a node lease");
  if (a.namespace !== "kube-node-lease")
    return noOpinion(`can only access leases in the "kube-node-lease" system namespace`);
  if (a.verb !== "create" && a.name !== node)
    return noOpinion("can only access node lease with the same name as the requesting node");
  return allow(`its own Lease kube-node-lease/${node}`);
}
