// The kubelet's probe of the kube-apiserver static pod, as kubeadm configures it
// (cmd/kubeadm/app/util/staticpod/utils.go: startupProbe 24 x 10 s, livenessProbe 8 x 10 s, both
// initialDelaySeconds 10) and as pkg/kubelet/prober/worker.go runs it: one worker per container and
// probe type, whose ticker survives container restarts.
import { describe, expect, it } from "vitest";
import type { Envelope, SimEvent } from "@/lib/sim/core/types";
import { k8sCluster } from "../harness";

const OUTAGE_START = 20_000;

function isProbeRequest(ev: SimEvent): boolean {
  if (ev.kind !== "deliver") return false;
  const body = (ev as Envelope).body as { p?: string; kind?: string; call?: { verb?: string } };
  return body.p === "http" && body.kind === "request" && body.call?.verb === "health" && ev.from.startsWith("kubelet");
}

function etcdDownForTenMinutes() {
  const h = k8sCluster(
    { etcdMembers: 3, etcdTopology: "external", controlPlanes: 1, workers: 1, webTraffic: false },
    7,
  );
  const probesAt: number[] = [];
  h.listeners.push((_, ev) => {
    if (isProbeRequest(ev)) probesAt.push(h.now);
  });
  h.runFor(OUTAGE_START);
  for (const id of ["etcd-1", "etcd-2", "etcd-3"]) h.stop(id);
  h.runFor(600_000);
  return { h, probesAt };
}

describe(
  "kube-apiserver static pod probes " +
    "(pkg/kubelet/prober/worker.go run: one ticker per " +
    "container and probe type)",
  () => {
    const { h, probesAt } = etcdDownForTenMinutes();
    const kills = h.events("kubelet.probe-failed");

    it("restarts kube-apiserver several times while etcd is down", () => {
      expect(kills.length).toBeGreaterThanOrEqual(3);
    });

    it("sends at most one probe per 10 s period after several restarts: restarts never add a second probe loop", () => {
      const windowStart = kills[1]!.t;
      const windowEnd = OUTAGE_START + 600_000;
      const inWindow = probesAt.filter((t) => t >= windowStart && t < windowEnd);
      expect(inWindow.length).toBeLessThanOrEqual(Math.ceil((windowEnd - windowStart) / 10_000));
      for (let i = 1; i < inWindow.length; i++) expect(inWindow[i]! - inWindow[i - 1]!).toBeGreaterThanOrEqual(10_000);
    });

    it(
      "kills on liveness after 8 failures (~80 s), then on the startup " +
        "probe after 24 failures (~240-250 s after each restart)",
      () => {
        expect(kills[0]!.probe).toBe("liveness");
        expect(kills[0]!.t - OUTAGE_START).toBeGreaterThanOrEqual(70_000);
        expect(kills[0]!.t - OUTAGE_START).toBeLessThanOrEqual(95_000);
        const restarts = h.events("process.restarted").filter((e) => e.component.startsWith("kube-apiserver"));
        for (const kill of kills.slice(1)) {
          expect(kill.probe).toBe("startup");
          const restart = restarts.filter((r) => r.t < kill.t).at(-1)!;
          expect(kill.t - restart.t).toBeGreaterThanOrEqual(240_000);
          expect(kill.t - restart.t).toBeLessThanOrEqual(250_000);
        }
      },
    );
  },
);
