// kube-apiserver's authorizer chain as kubeadm configures it (pkg/kubeapiserver/authorizer/config.go):
// the privileged-groups authorizer (members of system:masters may do anything) first, then
// --authorization-mode=Node,RBAC in that order. The union (apiserver/pkg/authorization/union) stops
// at the first authorizer that decides; none of these three ever denies, so a request that nobody
// allows is refused with 403 and the reasons of those that had no opinion.
import type { KubeObject } from "../objects/kube-object";
import type { UserInfo } from "./authn";
import { authorizeNode, nodeIdentity } from "./node-authorizer";
import { authorize, type Attributes, type RbacPolicy } from "./rbac";

/** `reason` names the authorizer that allowed it, or says why none did (the 403's suffix; may be empty). */
type AuthzDecision = { allowed: boolean; reason: string };

/** Pure. `pods` is the API server's pod cache, which the Node authorizer's graph is built from. */
export function authorizeRequest(
  policy: RbacPolicy,
  pods: Readonly<Record<string, KubeObject>>,
  user: UserInfo,
  a: Attributes,
): AuthzDecision {
  if (user.groups.includes("system:masters"))
    return { allowed: true, reason: "system:masters: a privileged group, no authorizer is asked" };
  const node = nodeIdentity(user);
  const byNode = node === null ? null : authorizeNode(node, a, pods);
  if (byNode?.allowed === true) return { allowed: true, reason: `Node authorizer: ${byNode.reason}` };
  const byRbac = authorize(policy, user, a);
  if (byRbac.allowed) return byRbac;
  return { allowed: false, reason: byNode?.reason ?? "" };
}
