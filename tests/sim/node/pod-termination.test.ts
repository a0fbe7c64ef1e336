// Graceful pod termination by the kubelet, as pkg/kubelet/kuberuntime/kuberuntime_container.go
// killContainer runs it: the preStop hook first (bounded by terminationGracePeriodSeconds), then
// StopContainer with the rest of the grace period (at least minimumGracePeriodInSeconds, 2 s):
// SIGTERM, and SIGKILL if the program is still running when it runs out. Only then does the kubelet
// confirm the deletion to the API.
import { describe, expect, it } from "vitest";
import type { TraceEvent } from "@/lib/sim/core/run";
import type { AppBehavior, Container, KubeObject } from "@/lib/sim/objects/types";
import { container, podOf, podSpec } from "@/lib/sim/scenarios/manifests";
import { k8sCluster } from "../harness";

const apply = (obj: KubeObject) => ({ manifest: JSON.stringify(obj), file: "x.yaml", summary: obj.kind });

type Case = { app?: AppBehavior; preStopSeconds?: number; graceSeconds?: number; liveness?: boolean };

/** Creates pod `web`, lets it run, deletes it, and returns the kubelet's stopping, stopped and deleted events. */
function deletePod(
  c: Case,
  seed: number,
): { deleteAt: number; stopping: TraceEvent; stopped: TraceEvent; deleted: TraceEvent; probeKills: TraceEvent[] } {
  const h = k8sCluster({ controlPlanes: 1, etcdMembers: 1, workers: 1, webTraffic: false }, seed);
  h.runFor(4000);
  const web: Container = container("web", "nginx:1.27", c.app === undefined ? {} : { app: c.app });
  if (c.preStopSeconds !== undefined) web.lifecycle = { preStop: { sleep: { seconds: c.preStopSeconds } } };
  if (c.liveness === true)
    web.livenessProbe = {
      periodSeconds: 10,
      timeoutSeconds: 1,
      failureThreshold: 3,
      successThreshold: 1,
      initialDelaySeconds: 0,
    };
  h.kubectl(
    "create-object",
    apply(
      podOf(
        "web",
        { app: "web" },
        podSpec([web], c.graceSeconds === undefined ? {} : { terminationGracePeriodSeconds: c.graceSeconds }),
      ),
    ),
  );
  h.runUntil((x) => x.events("pod.running").length > 0, 30_000);
  const deleteAt = h.now;
  h.kubectl("delete", { resource: "pods", name: "web" });
  h.runFor(60_000);
  const one = (type: string) => h.events(type).find((e) => e.pod === "web")!;
  return {
    deleteAt,
    stopping: one("pod.stopping"),
    stopped: one("pod.stopped"),
    deleted: one("pod.deleted"),
    probeKills: h.events("pod.probe-failed"),
  };
}

describe("pod termination (kuberuntime_container.go killContainer)", () => {
  it(
    "stops a program that exits promptly on SIGTERM (1 s by " + "default) and only then removes the pod from the API",
    () => {
      const r = deletePod({}, 21);
      expect(r.stopped.t - r.stopping.t).toBe(1000);
      expect(r.stopped.killed).toBe(false);
      expect(r.deleted.t).toBeGreaterThanOrEqual(r.stopped.t);
      expect(r.deleted.t - r.deleteAt).toBeGreaterThanOrEqual(1000);
    },
  );

  it(
    "kills a program still running when terminationGracePeriodSeconds " +
      "(30 s by default) runs out: SIGKILL, exit 137",
    () => {
      const r = deletePod({ app: { readyAfterMs: 0, exitAfterMs: null, shutdownMs: 45_000 } }, 22);
      expect(r.stopped.t - r.stopping.t).toBe(30_000);
      expect(r.stopped.killed).toBe(true);
    },
  );

  it("runs the preStop hook first, and its time counts against the grace period", () => {
    const r = deletePod(
      { preStopSeconds: 5, graceSeconds: 10, app: { readyAfterMs: 0, exitAfterMs: null, shutdownMs: 3000 } },
      23,
    );
    expect(r.stopped.t - r.stopping.t).toBe(8000);
    const late = deletePod(
      { preStopSeconds: 5, graceSeconds: 10, app: { readyAfterMs: 0, exitAfterMs: null, shutdownMs: 6000 } },
      23,
    );
    expect(late.stopped.t - late.stopping.t).toBe(10_000);
    expect(late.stopped.killed).toBe(true);
  });

  it(
    "gives the program at least 2 s after SIGTERM when the preStop " +
      "hook used up the grace period (minimumGracePeriodInSeconds)",
    () => {
      const r = deletePod(
        { preStopSeconds: 40, graceSeconds: 30, app: { readyAfterMs: 0, exitAfterMs: null, shutdownMs: 5000 } },
        24,
      );
      expect(r.stopped.t - r.stopping.t).toBe(32_000);
      expect(r.stopped.killed).toBe(true);
    },
  );

  it(
    "stops liveness probes once the pod is being deleted, so a slow " +
      "shutdown is not cut short by a probe kill (prober/worker.go doProbe)",
    () => {
      const r = deletePod(
        { liveness: true, graceSeconds: 60, app: { readyAfterMs: 3_600_000, exitAfterMs: null, shutdownMs: 45_000 } },
        25,
      );
      expect(r.probeKills).toEqual([]);
      expect(r.stopped.t - r.stopping.t).toBe(45_000);
      expect(r.stopped.killed).toBe(false);
    },
  );
});
