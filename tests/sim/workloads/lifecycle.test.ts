// Fluent tests of behaviour no scenario claims: a StatefulSet pod on a dead node is not replaced
// while its object exists (a Deployment pod is), CrashLoopBackOff resets after ten minutes of
// running, and imagePullPolicy Always asks the registry even when the image is on the node.
import { describe, expect, it } from "vitest";
import { DEFAULT_TUNING } from "@/lib/sim/cluster/defaults";
import {
  container,
  deploymentOf,
  podOf,
  podSpec,
  serviceOf,
  statefulSetOf,
  template,
} from "@/lib/sim/scenarios/manifests";
import type { KubeObject } from "@/lib/sim/objects/types";
import { k8sCluster } from "../harness";

const apply = (obj: KubeObject) => ({ manifest: JSON.stringify(obj), file: "x.yaml", summary: obj.kind });

describe("workloads on a dead node", () => {
  it(
    "replaces the Deployment's pod after eviction but never the " +
      "StatefulSet's, whose old pod object stays Terminating",
    () => {
      const tuning = { ...DEFAULT_TUNING, nodeMonitorGraceMs: 20_000, defaultTolerationMs: 30_000 };
      const h = k8sCluster({ workers: 2, webTraffic: false, tuning }, 3);
      h.runFor(4000);
      h.kubectl("create-object", apply(serviceOf("db", { app: "db" }, "None")));
      h.kubectl(
        "create-object",
        apply(
          statefulSetOf("db", 2, template({ app: "db" }, podSpec([container("db", "nginx:1.27")])), "Parallel", []),
        ),
      );
      h.kubectl(
        "create-object",
        apply(deploymentOf("web", 2, template({ app: "web" }, podSpec([container("web", "nginx:1.27")])))),
      );
      h.runFor(15_000);
      const running = h.events("pod.running");
      const node = String(running.find((e) => String(e.pod).startsWith("db-"))!.node);
      const dbLost = running
        .filter((e) => e.node === node && String(e.pod).startsWith("db-"))
        .map((e) => String(e.pod));
      const webLost = running
        .filter((e) => e.node === node && String(e.pod).startsWith("web-"))
        .map((e) => String(e.pod));
      expect(dbLost.length).toBeGreaterThan(0);
      expect(webLost.length).toBeGreaterThan(0);
      h.act({ type: "power-off", host: node });
      h.runFor(120_000);
      const evicted = h.events("pod.evicted").map((e) => String(e.pod));
      for (const p of [...dbLost, ...webLost]) expect(evicted).toContain(p);
      const recreatedDb = h
        .events("statefulset.pod-created")
        .filter((e) => dbLost.includes(String(e.pod)) && e.t > 19_000);
      expect(recreatedDb).toEqual([]);
      const webCreated = h.events("pod.created").filter((e) => e.t > 19_000);
      expect(webCreated.length).toBe(webLost.length);
    },
  );
});

describe("kubelet restarts", () => {
  it(
    "restarts at once after a first exit (or one more than ten " +
      "minutes after the last), then backs off 10 s doubling to 5 min",
    () => {
      const h = k8sCluster({ workers: 1, webTraffic: false }, 5);
      h.runFor(4000);
      const longRun = podOf(
        "long",
        { app: "long" },
        podSpec([container("long", "nginx:1.27", { app: { readyAfterMs: 0, exitAfterMs: 610_000 } })]),
      );
      const shortRun = podOf(
        "short",
        { app: "short" },
        podSpec([container("short", "nginx:1.27", { app: { readyAfterMs: 0, exitAfterMs: 1000 } })]),
      );
      h.kubectl("create-object", apply(longRun));
      h.kubectl("create-object", apply(shortRun));
      h.runFor(1_300_000);
      const delays = (pod: string) =>
        h
          .events("pod.back-off")
          .filter((e) => e.pod === pod)
          .map((e) => Number(e.delayMs));
      expect(h.events("pod.container-exited").filter((e) => e.pod === "long").length).toBeGreaterThanOrEqual(2);
      expect(delays("long")).toEqual([]);
      expect(delays("short").slice(0, 6)).toEqual([10_000, 20_000, 40_000, 80_000, 160_000, 300_000]);
      expect(
        delays("short")
          .slice(6)
          .every((d) => d === 300_000),
      ).toBe(true);
    },
  );

  it("kills a container whose liveness probe fails 3 times in a row (period 10 s) and restarts it", () => {
    const h = k8sCluster({ workers: 1, webTraffic: false }, 6);
    h.runFor(4000);
    const hung = podOf(
      "hung",
      { app: "hung" },
      podSpec([container("hung", "nginx:1.27", { app: { readyAfterMs: 3_600_000, exitAfterMs: null } })]),
    );
    hung.spec.containers[0]!.livenessProbe = {
      periodSeconds: 10,
      timeoutSeconds: 1,
      failureThreshold: 3,
      successThreshold: 1,
      initialDelaySeconds: 0,
    };
    h.kubectl("create-object", apply(hung));
    h.runFor(40_000);
    const started = h.events("pod.container-started").filter((e) => e.pod === "hung");
    const failed = h.events("pod.probe-failed").filter((e) => e.pod === "hung");
    const exited = h.events("pod.container-exited").filter((e) => e.pod === "hung");
    expect(failed[0]?.probe).toBe("liveness");
    expect(failed[0]!.t - started[0]!.t).toBe(20_000);
    expect(exited[0]?.exitCode).toBe(137);
    expect(started.length).toBeGreaterThanOrEqual(2);
  });

  it(
    "pulls an untagged image on every start (Always) but " + "starts a tagged one from the node's cache (IfNotPresent)",
    () => {
      const h = k8sCluster({ workers: 1, webTraffic: false }, 9);
      h.runFor(4000);
      h.kubectl("create", { name: "a", image: "nginx" });
      h.kubectl("create", { name: "b", image: "nginx:1.27" });
      h.runFor(20_000);
      h.kubectl("scale", { name: "a", replicas: 2 });
      h.kubectl("scale", { name: "b", replicas: 2 });
      h.runFor(10_000);
      const pulls = h.events("pod.image-pulled");
      const always = pulls.filter((e) => e.image === "nginx");
      const tagged = pulls.filter((e) => e.image === "nginx:1.27");
      expect(always.map((e) => e.policy)).toEqual(["Always", "Always"]);
      expect(always.every((e) => Number(e.pulledMs) > 0)).toBe(true);
      expect(tagged.map((e) => e.policy)).toEqual(["IfNotPresent", "IfNotPresent"]);
      expect(tagged.filter((e) => Number(e.pulledMs) === 0)).toHaveLength(1);
    },
  );
});

describe("deployment history", () => {
  it(
    "keeps revisionHistoryLimit old ReplicaSets, deleting the " +
      "oldest revisions first, and rolls back to a chosen revision",
    () => {
      const h = k8sCluster({ workers: 2, webTraffic: false }, 4);
      h.runFor(4000);
      const d = deploymentOf("web", 2, template({ app: "web" }, podSpec([container("web", "nginx:1.25")])));
      d.spec.revisionHistoryLimit = 1;
      h.kubectl("create-object", apply(d));
      for (const [i, tag] of ["1.26", "1.27"].entries()) {
        h.runFor(20_000 + i);
        h.kubectl("set-image", { kind: "deployment", name: "web", container: "web", image: `nginx:${tag}` });
      }
      h.runFor(25_000);
      const deleted = h.events("replicaset.deleted");
      expect(deleted.map((e) => e.revision)).toEqual([1]);
      const created = h.events("replicaset.created").map((e) => String(e.replicaset));
      expect(created).toHaveLength(3);
      expect(deleted[0]!.replicaset).toBe(created[0]);
      h.kubectl("rollout-undo", { name: "web", toRevision: 2 });
      h.runFor(25_000);
      const reused = h.events("deployment.revision");
      expect(reused.map((e) => [e.replicaset, e.revision])).toEqual([[created[1], 4]]);
      expect(h.events("deployment.rollout-complete").at(-1)?.replicaset).toBe(created[1]);
    },
  );
});
