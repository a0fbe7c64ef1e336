// Which Deployments a pod's change wakes. Upstream the ReplicaSet controller writes a pod's change into its
// ReplicaSet's status, and the deployment controller enqueues that ReplicaSet's owner alone
// (pkg/controller/deployment/deployment_controller.go: updateReplicaSet →
// enqueueDeployment(getDeploymentForReplicaSet));
// a pod of a StatefulSet wakes no Deployment. The simulation counts availability from the pods directly, so a pod's
// change stands in for that status update and must wake only the Deployment above the pod. When every pod event
// synced every Deployment, a StatefulSet's first pod could wake Deployment web in the instant between its
// ReplicaSet create and the informer showing it, and web sent the create a second time.
import { describe, expect, it } from "vitest";
import { runScenario } from "@/lib/sim";

function replicaSetCreates(scenario: string, seed: number): Map<string, number> {
  const creates = new Map<string, number>();
  for (const e of runScenario(scenario, {}, seed).events) {
    const m = e.type === "raft.committed" ? /create replicasets (\S+?)\.$/.exec(e.message) : null;
    if (m !== null) creates.set(m[1]!, (creates.get(m[1]!) ?? 0) + 1);
  }
  return creates;
}

describe("the deployment controller's wake-ups", () => {
  it.each(["deployment-vs-statefulset", "rolling-update"])("%s: every ReplicaSet is created once, seeds 1-8", (id) => {
    for (let seed = 1; seed <= 8; seed++) {
      const creates = replicaSetCreates(id, seed);
      expect(creates.size, `seed ${seed}`).toBeGreaterThan(0);
      for (const [rs, n] of creates) expect(n, `${rs}, seed ${seed}`).toBe(1);
    }
  });
});
