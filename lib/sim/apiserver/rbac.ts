// Authorization: members of system:masters bypass checks (the privileged-groups authorizer), then
// RBAC, which is purely additive: a request is allowed if any binding of the user (or one of their
// groups) grants a rule that matches, and denied (403) otherwise. There are no deny rules.
import type { UserInfo } from "./authn";

export type PolicyRule = { verbs: string[]; apiGroups: string[]; resources: string[] };
export type Subject = { kind: "User" | "Group"; name: string };
/** A RoleBinding when `namespace` is set, a ClusterRoleBinding otherwise. */
export type RoleBinding = { name: string; role: string; subjects: Subject[]; namespace: string | null };
export type RbacPolicy = { roles: Record<string, PolicyRule[]>; bindings: RoleBinding[] };

/** What is being asked: e.g. create pods/binding in namespace default. */
export type Attributes = { verb: string; apiGroup: string; resource: string; namespace: string | null };

export type Decision = { allowed: true; reason: string } | { allowed: false };

function matches(list: string[], value: string): boolean {
  return list.includes("*") || list.includes(value);
}

function ruleAllows(rule: PolicyRule, a: Attributes): boolean {
  return matches(rule.verbs, a.verb) && matches(rule.apiGroups, a.apiGroup) && matches(rule.resources, a.resource);
}

function bound(b: RoleBinding, user: UserInfo): boolean {
  return b.subjects.some((s) => (s.kind === "User" ? s.name === user.name : user.groups.includes(s.name)));
}

/** Pure: deny by default, allow on the first matching grant. */
export function authorize(policy: RbacPolicy, user: UserInfo, a: Attributes): Decision {
  if (user.groups.includes("system:masters")) return { allowed: true, reason: "member of system:masters" };
  for (const b of policy.bindings) {
    if (!bound(b, user)) continue;
    if (b.namespace !== null && b.namespace !== a.namespace) continue;
    const rules = policy.roles[b.role] ?? [];
    if (rules.some((r) => ruleAllows(r, a))) return { allowed: true, reason: `RBAC: allowed by binding "${b.name}" of role "${b.role}"` };
  }
  return { allowed: false };
}
