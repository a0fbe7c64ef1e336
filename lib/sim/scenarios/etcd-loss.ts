// What the etcd-outage and etcd-quorum-loss scenarios share: the size of the etcd cluster, and the plan
// around their faults: etcd members on their own hosts (kubeadm's external topology) behind one API
// server, web applied and serving traffic, the faults, then a read and a write through the API at
// `check`, whose answers the claims judge.
import { SMALL_SPEC } from "../cluster/spec";
import { kubectlAt } from "./manifests";
import type { IntegerParamDef, Plan, ScriptItem } from "./types";

export const MEMBERS_PARAM: IntegerParamDef = {
  name: "members",
  type: "integer",
  label: "etcd members",
  description: "Size of the etcd cluster (external topology).",
  default: 3,
  min: 1,
  max: 7,
};

/** The shared plan around a scenario's `faults`; `end` gives its duration and marks. Pure. */
export function etcdLossPlan(
  members: number,
  faults: readonly ScriptItem[],
  check: number,
  end: Pick<Plan, "durationMs" | "marks">,
): Plan {
  return {
    cluster: { ...SMALL_SPEC, etcdMembers: members, etcdTopology: "external", webTraffic: true },
    script: [
      kubectlAt(2500, "apply", { name: "web", replicas: 2 }),
      ...faults,
      kubectlAt(check, "get", { resource: "pods" }),
      kubectlAt(check + 100, "scale", { name: "web", replicas: 3 }),
    ],
    ...end,
  };
}
