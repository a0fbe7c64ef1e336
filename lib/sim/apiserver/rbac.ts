// RBAC (plugin/pkg/auth/authorizer/rbac/rbac.go), last in kubeadm's --authorization-mode=Node,RBAC.
// It is purely additive: a request is allowed if any binding of the user (or one of their groups)
// grants a rule that matches, and otherwise RBAC has no opinion. There are no deny rules.
import type { UserInfo } from "./authn";

export type PolicyRule = { verbs: string[]; apiGroups: string[]; resources: string[] };
type Subject = { kind: "User" | "Group"; name: string };
/** A RoleBinding when `namespace` is set, a ClusterRoleBinding otherwise. */
type RoleBinding = { name: string; role: string; subjects: Subject[]; namespace: string | null };
export type RbacPolicy = { roles: Record<string, PolicyRule[]>; bindings: RoleBinding[] };

/**
 * What is being asked (authorizer.Attributes): e.g. create pods, subresource binding, in namespace
 * default, name web-1. `name` is null for creates and collection requests.
 */
export type Attributes = {
  verb: string;
  apiGroup: string;
  resource: string;
  subresource: string | null;
  namespace: string | null;
  name: string | null;
  fieldSelector: Readonly<Record<string, string>> | null;
};

type Decision = { allowed: true; reason: string } | { allowed: false };

function matches(list: string[], value: string): boolean {
  return list.includes("*") || list.includes(value);
}

/** RulesAllow: some rule matches the verb, the group and the resource (with its subresource, `pods/status`). Pure. */
export function rulesAllow(rules: readonly PolicyRule[], a: Attributes): boolean {
  const resource = a.subresource === null ? a.resource : `${a.resource}/${a.subresource}`;
  return rules.some(
    (r) => matches(r.verbs, a.verb) && matches(r.apiGroups, a.apiGroup) && matches(r.resources, resource),
  );
}

function bound(b: RoleBinding, user: UserInfo): boolean {
  return b.subjects.some((s) => (s.kind === "User" ? s.name === user.name : user.groups.includes(s.name)));
}

// Decisions per policy and user (authn.ts hands out one UserInfo per credential), by the attributes RBAC reads
// (no rule here names objects): every Lease renewal asks the same question again. Both keys are immutable.
const DECISIONS = new WeakMap<RbacPolicy, WeakMap<UserInfo, Map<string, Decision>>>();

/** Pure: allowed by the first binding that grants a matching rule; no opinion otherwise. */
export function authorize(policy: RbacPolicy, user: UserInfo, a: Attributes): Decision {
  let byUser = DECISIONS.get(policy);
  if (byUser === undefined) DECISIONS.set(policy, (byUser = new WeakMap()));
  let byAttributes = byUser.get(user);
  if (byAttributes === undefined) byUser.set(user, (byAttributes = new Map()));
  const scope = a.namespace === null ? "*" : `ns:${a.namespace}`;
  const key = `${a.verb} ${a.apiGroup} ${a.resource}/${a.subresource ?? ""} ${scope}`;
  let decision = byAttributes.get(key);
  if (decision === undefined) byAttributes.set(key, (decision = decide(policy, user, a)));
  return decision;
}

function decide(policy: RbacPolicy, user: UserInfo, a: Attributes): Decision {
  for (const b of policy.bindings) {
    if (!bound(b, user)) continue;
    if (b.namespace !== null && b.namespace !== a.namespace) continue;
    if (rulesAllow(policy.roles[b.role] ?? [], a))
      return { allowed: true, reason: `RBAC: allowed by binding "${b.name}" of role "${b.role}"` };
  }
  return { allowed: false };
}
