// The admission-policies scenario end to end: what the apiserver's LimitRanger, PodSecurity and
// ResourceQuota plugins and the replicaset controller did, against upstream's behaviour.
import { describe, expect, it } from "vitest";
import { runScenario } from "@/lib/sim";
import type { TraceEvent } from "@/lib/sim/trace/types";

const events = (raw: Record<string, number>, seed = 1): TraceEvent[] =>
  runScenario("admission-policies", raw, seed).events as TraceEvent[];

describe("admission-policies", () => {
  // plugin/pkg/admission/resourcequota/controller.go: used + requested must stay within hard, so the
  // quota never admits more than floor(2000m / 500m) = 4 pods, whatever the seed.
  it("never charges past the quota's hard limit", () => {
    for (const seed of [1, 2, 3]) {
      const ev = events({ quotaCpu: 2, replicas: 8 }, seed);
      const charged = ev.filter((e) => e.type === "quota.charged");
      expect(charged.map((e) => e.used)).toEqual([
        "limits.cpu=500m,pods=1",
        "limits.cpu=1,pods=2",
        "limits.cpu=1500m,pods=3",
        "limits.cpu=2,pods=4",
      ]);
    }
  });

  // client-go util/workqueue/default_rate_limiters.go: the ReplicaSet is requeued 5 ms × 2^(n−1)
  // after each failed sync, so the FailedCreate events space out, doubling.
  it("retries the refused creates with a doubling back-off", () => {
    const ev = events({});
    const failed = ev.filter((e) => e.type === "replicaset.failed-create");
    const gaps = failed.slice(2).map((e, i) => e.t - failed[i + 1]!.t);
    expect(gaps.slice(0, 5)).toEqual([5, 10, 20, 40, 80]);
    expect(ev.filter((e) => e.type === "pod.created" && String(e.pod).startsWith("web-"))).toHaveLength(4);
  });

  // pod-security-admission/admission/admission.go: warn admits with a Warning header; kubectl prints it first.
  it("warn mode: kubectl prints the Warning, then the pod is created", () => {
    const ev = events({ psaMode: 1, psaLevel: 1 });
    const warning = ev.find((e) => e.type === "kubectl.output" && String(e.warning).includes("PodSecurity"));
    const created = ev.find((e) => e.type === "api.response" && e.resource === "pods" && e.status === 201);
    expect(warning?.message).toBe(
      'Warning: would violate PodSecurity "restricted:latest": privileged ' +
        '(container "debug" must not set securityContext.privileged=true)',
    );
    expect(created).toBeDefined();
    expect(warning!.seq).toBeLessThan(created!.seq);
  });

  // pkg/quota/v1/evaluator/core/pods.go Constraints: no LimitRange, no limits, every pod refused.
  it("without LimitRange defaults, every pod is refused for its missing limits.cpu", () => {
    const ev = events({ limitRangeDefaults: 0 });
    const refused = ev.filter((e) => e.type === "admission.refused" && String(e.pod).startsWith("web-"));
    expect(refused.length).toBeGreaterThan(5);
    expect(
      refused.every((e) =>
        String(e.error).endsWith("is forbidden: failed quota: compute: must specify limits.cpu for: web"),
      ),
    ).toBe(true);
    expect(ev.some((e) => e.type === "pod.created" && String(e.pod).startsWith("web-"))).toBe(false);
  });
});
