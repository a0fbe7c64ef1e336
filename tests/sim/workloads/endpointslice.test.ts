// EndpointSlices keep terminating pods, and kube-proxy falls back to them only when nothing is
// ready: staging/src/k8s.io/endpointslice/utils.go (podToEndpoint), pkg/api/v1/endpoints
// ShouldPodBeInEndpoints with includeTerminating as the endpointslice reconciler passes it, and
// pkg/proxy/topology.go CategorizeEndpoints (ProxyTerminatingEndpoints, GA).
import { describe, expect, it } from "vitest";
import { desiredEndpoints } from "@/lib/sim/cluster-components/controller-manager/endpointslice";
import { servicePorts, usableEndpoints } from "@/lib/sim/cluster-components/kube-proxy/kube-proxy";
import { container, meta, podOf, podSpec, serviceOf } from "@/lib/sim/scenarios/manifests";
import type { Pod } from "@/lib/sim/objects/core";
import type { Endpoint, EndpointSlice } from "@/lib/sim/objects/discovery";

type State = { ready: boolean; terminating?: boolean; phase?: Pod["status"]["phase"]; ip?: string | null };

function webPod(name: string, st: State): Pod {
  const p = podOf(name, { app: "web" }, podSpec([container("web", "nginx:1.27")]));
  return {
    ...p,
    metadata: { ...p.metadata, deletionTimestamp: st.terminating === true ? 1000 : null },
    status: {
      phase: st.phase ?? "Running",
      conditions: [{ type: "Ready", status: st.ready ? "True" : "False", reason: "", lastTransitionTime: 0 }],
      podIP: st.ip === undefined ? `10.0.0.${name.length}` : st.ip,
    },
  };
}

const svc = serviceOf("web", { app: "web" }, "10.96.0.10");
const conditionsOf = (eps: Endpoint[]) => Object.fromEntries(eps.map((e) => [e.targetRef, e.conditions]));

describe("endpointslice controller: podToEndpoint and ShouldPodBeInEndpoints(pod, includeTerminating=true)", () => {
  it("keeps a terminating pod with ready=false, serving=its readiness, terminating=true", () => {
    const eps = desiredEndpoints(svc, [
      webPod("a", { ready: true }),
      webPod("bb", { ready: true, terminating: true }),
      webPod("ccc", { ready: false, terminating: true }),
    ]);
    expect(conditionsOf(eps)).toEqual({
      a: { ready: true, serving: true, terminating: false },
      bb: { ready: false, serving: true, terminating: true },
      ccc: { ready: false, serving: false, terminating: true },
    });
  });

  it("leaves out terminal pods (Succeeded, Failed) and pods without an IP", () => {
    const eps = desiredEndpoints(svc, [
      webPod("a", { ready: false, phase: "Succeeded" }),
      webPod("bb", { ready: false, phase: "Failed" }),
      webPod("ccc", { ready: false, ip: null }),
      webPod("dddd", { ready: false }),
    ]);
    expect(eps.map((e) => e.targetRef)).toEqual(["dddd"]);
  });
});

describe("kube-proxy: CategorizeEndpoints (pkg/proxy/topology.go)", () => {
  const slice = (pods: Pod[]): EndpointSlice => ({
    kind: "EndpointSlice",
    apiVersion: "discovery.k8s.io/v1",
    metadata: meta("web-abcde", { "kubernetes.io/service-name": "web" }),
    addressType: "IPv4",
    endpoints: desiredEndpoints(svc, pods),
    ports: [{ port: 80, protocol: "TCP" }],
  });

  it("uses only the ready endpoints while there is one, not the terminating ones still serving", () => {
    const eps = desiredEndpoints(svc, [webPod("a", { ready: true }), webPod("bb", { ready: true, terminating: true })]);
    expect(usableEndpoints(eps).map((e) => e.targetRef)).toEqual(["a"]);
    expect(
      servicePorts([svc], [slice([webPod("a", { ready: true }), webPod("bb", { ready: true, terminating: true })])])[0],
    ).not.toHaveProperty("terminatingFallback");
  });

  it("falls back to serving terminating endpoints when none is ready, never to ones that stopped serving", () => {
    const pods = [
      webPod("a", { ready: false }),
      webPod("bb", { ready: true, terminating: true }),
      webPod("ccc", { ready: false, terminating: true }),
    ];
    expect(usableEndpoints(desiredEndpoints(svc, pods)).map((e) => e.targetRef)).toEqual(["bb"]);
    expect(servicePorts([svc], [slice(pods)])[0]).toMatchObject({
      endpoints: ["10.0.0.2:80"],
      terminatingFallback: true,
    });
  });

  it("has no endpoint at all when nothing is ready or serving", () => {
    expect(
      usableEndpoints(
        desiredEndpoints(svc, [webPod("a", { ready: false }), webPod("bb", { ready: false, terminating: true })]),
      ),
    ).toEqual([]);
  });
});
