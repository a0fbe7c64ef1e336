// Rollout arithmetic against the examples of the Deployment documentation (k8s-facts §6.1) and
// rolling.go's behaviour.
import { describe, expect, it } from "vitest";
import {
  newRsReplicas,
  resolveFenceposts,
  scaleDownOld,
  scaledValue,
} from "@/lib/sim/cluster-components/controller-manager/deployment-math";
import { canonicalJson, templateHash } from "@/lib/sim/cluster-components/controller-manager/naming";
import { defaultPullPolicy } from "@/lib/sim/apiserver/admission";

describe("rollout fenceposts", () => {
  it("rounds maxSurge up and maxUnavailable down: 10 replicas at 25% → at most 13 pods, at least 8 available", () => {
    expect(resolveFenceposts("25%", "25%", 10)).toEqual([3, 2]);
  });
  it("1 replica at 25%/25% → surge 1, unavailable 0: the new pod must be ready before the old one goes", () => {
    expect(resolveFenceposts("25%", "25%", 1)).toEqual([1, 0]);
  });
  it("maxUnavailable 10% of 4 rounds down to 0 beside maxSurge 0: both zero would stall, so it becomes 1", () => {
    expect(resolveFenceposts(0, "10%", 4)).toEqual([0, 1]);
    expect(scaledValue("33%", 10, true)).toBe(4);
    expect(scaledValue("33%", 10, false)).toBe(3);
  });
});

describe("rolling update steps", () => {
  const rs = (name: string, replicas: number, available: number, createdAt: number) => ({
    name,
    replicas,
    available,
    createdAt,
  });
  it("grows the new ReplicaSet only up to replicas + maxSurge in total", () => {
    const old = rs("old", 10, 10, 0);
    const fresh = rs("new", 0, 0, 1);
    expect(newRsReplicas(10, 3, [old, fresh], fresh)).toBe(3);
    expect(newRsReplicas(10, 3, [rs("old", 10, 10, 0), rs("new", 3, 0, 1)], rs("new", 3, 0, 1))).toBe(3);
  });
  it("scales old ReplicaSets down only while replicas - maxUnavailable stay available", () => {
    expect(scaleDownOld(10, 2, rs("new", 3, 0, 1), [rs("old", 10, 10, 0)])).toEqual({ old: 8 });
    expect(scaleDownOld(10, 2, rs("new", 3, 3, 1), [rs("old", 8, 8, 0)])).toEqual({ old: 5 });
  });
  it("removes unhealthy old pods first, without spending availability", () => {
    // 5 pods, 2 old ones unhealthy: one may go (5 - 3 minAvailable - 1 new unavailable), and it is an unhealthy one.
    expect(scaleDownOld(4, 1, rs("new", 1, 0, 2), [rs("old", 4, 2, 0)])).toEqual({ old: 3 });
    expect(scaleDownOld(4, 0, rs("new", 1, 0, 2), [rs("old", 4, 2, 0)])).toEqual({});
  });
});

describe("names and defaults", () => {
  it("hashes the canonical template, so key order does not change the pod-template-hash", () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] })).toBe('{"a":[{"c":3,"d":2}],"b":1}');
    expect(templateHash({ labels: { app: "web" }, spec: { x: 1 } })).toBe(
      templateHash({ spec: { x: 1 }, labels: { app: "web" } }),
    );
    expect(templateHash({ labels: { app: "web" } })).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]+$/);
    expect(templateHash({ labels: { app: "web" } })).not.toBe(templateHash({ labels: { app: "db" } }));
  });
  it("defaults imagePullPolicy to Always without a tag or with :latest, IfNotPresent otherwise", () => {
    expect(defaultPullPolicy("nginx")).toBe("Always");
    expect(defaultPullPolicy("nginx:latest")).toBe("Always");
    expect(defaultPullPolicy("registry.local:5000/nginx")).toBe("Always");
    expect(defaultPullPolicy("nginx:1.27")).toBe("IfNotPresent");
    expect(defaultPullPolicy("nginx@sha256:abc")).toBe("IfNotPresent");
  });
});
