// The namespace-policy admission plugins as pure functions, against upstream's behaviour and messages.
import { describe, expect, it } from "vitest";
import {
  aggregate,
  limitRangeItem,
  limitRangerDefaults,
  limitRangerViolations,
  podUsage,
  prettyPrint,
  psaAdmit,
  psaLabels,
  quantity,
  quotaAdmit,
  recalculateUsed,
  type PolicyContainer,
} from "@/lib/sim/apiserver/admission-policies";

const bare: PolicyContainer = { name: "app", requests: {}, limits: {} };

describe("LimitRanger", () => {
  // pkg/apis/core/v1/defaults.go SetDefaults_LimitRangeItem: max → default → defaultRequest.
  it("defaults the default limit from max and the default request from the default limit", () => {
    expect(limitRangeItem({ max: { cpuMilli: 1000 } })).toEqual({
      default: { cpuMilli: 1000 },
      defaultRequest: { cpuMilli: 1000 },
      min: {},
      max: { cpuMilli: 1000 },
    });
    expect(limitRangeItem({ default: { cpuMilli: 500 }, defaultRequest: { cpuMilli: 250 } }).defaultRequest).toEqual({
      cpuMilli: 250,
    });
  });

  // plugin/pkg/admission/limitranger/admission.go mergeContainerResources + the limit-ranger annotation.
  it("fills only the requests and limits a container does not set, and says so in the annotation", () => {
    const item = limitRangeItem({
      default: { cpuMilli: 500, memoryMi: 256 },
      defaultRequest: { cpuMilli: 250, memoryMi: 128 },
    });
    const { containers, annotation } = limitRangerDefaults(
      [bare, { name: "side", requests: { cpuMilli: 100 }, limits: { cpuMilli: 200 } }],
      item,
    );
    expect(containers[0]).toEqual({
      name: "app",
      requests: { cpuMilli: 250, memoryMi: 128 },
      limits: { cpuMilli: 500, memoryMi: 256 },
    });
    expect(containers[1]).toEqual({
      name: "side",
      requests: { cpuMilli: 100, memoryMi: 128 },
      limits: { cpuMilli: 200, memoryMi: 256 },
    });
    expect(annotation).toBe(
      "LimitRanger plugin set: cpu, memory request for container app; cpu, memory limit for " +
        "container app; memory request for container side; memory limit for container side",
    );
    expect(limitRangerDefaults([bare], limitRangeItem({})).annotation).toBe("");
  });

  // limitranger/admission.go minConstraint / maxConstraint messages, aggregated by utilerrors.NewAggregate.
  it("refuses a container outside min/max with upstream's messages", () => {
    const item = limitRangeItem({ min: { cpuMilli: 100 }, max: { cpuMilli: 1000 } });
    expect(
      limitRangerViolations([{ name: "app", requests: { cpuMilli: 200 }, limits: { cpuMilli: 2000 } }], item),
    ).toEqual(["maximum cpu usage per Container is 1, but limit is 2"]);
    const both = limitRangerViolations([{ name: "app", requests: { cpuMilli: 50 }, limits: { cpuMilli: 1500 } }], item);
    expect(aggregate(both)).toBe(
      "[minimum cpu usage per Container is 100m, but request is 50m, " +
        "maximum cpu usage per Container is 1, but limit is 1500m]",
    );
    expect(
      limitRangerViolations([{ name: "app", requests: { cpuMilli: 100 }, limits: { cpuMilli: 1000 } }], item),
    ).toEqual([]);
    expect(limitRangerViolations([bare], item)).toEqual([
      "minimum cpu usage per Container is 100m.  No request is specified",
      "maximum cpu usage per Container is 1.  No limit is specified",
    ]);
  });
});

describe("ResourceQuota", () => {
  it("prints quantities and lists as resource.Quantity and controller.go prettyPrint do", () => {
    expect([quantity("cpu", 500), quantity("cpu", 2000), quantity("memory", 256), quantity("memory", 1024)]).toEqual([
      "500m",
      "2",
      "256Mi",
      "1Gi",
    ]);
    expect(prettyPrint({ "requests.cpu": 500, "limits.cpu": 2000, pods: 3 })).toBe(
      "limits.cpu=2,pods=3,requests.cpu=500m",
    );
  });

  // pkg/quota/v1/evaluator/core/pods.go podComputeUsageHelper: cpu/memory alias the requests.
  it("charges a pod its requests (also as cpu/memory), its limits and one pod", () => {
    expect(podUsage([{ name: "a", requests: { cpuMilli: 250, memoryMi: 64 }, limits: { cpuMilli: 500 } }])).toEqual({
      pods: 1,
      "count/pods": 1,
      cpu: 250,
      "requests.cpu": 250,
      memory: 64,
      "requests.memory": 64,
      "limits.cpu": 500,
      "limits.memory": 0,
    });
  });

  // resourcequota/controller.go checkRequest: the exceeded resources only, requested/used/limited masked to them.
  it("refuses a create that would exceed the quota with upstream's message", () => {
    const c: PolicyContainer = { name: "app", requests: { cpuMilli: 250 }, limits: { cpuMilli: 500 } };
    const quota = { name: "compute", hard: { "limits.cpu": 1000, pods: 10 }, used: { "limits.cpu": 750, pods: 1 } };
    expect(quotaAdmit([c], [quota])).toEqual({
      refused: "exceeded quota: compute, requested: limits.cpu=500m, used: limits.cpu=750m, limited: limits.cpu=1",
    });
    expect(quotaAdmit([c], [{ ...quota, used: { "limits.cpu": 500, pods: 1 } }])).toEqual({
      used: [{ "limits.cpu": 1000, pods: 2 }],
    });
  });

  // pods.go Constraints: "must specify <resource> for: <containers>", wrapped as "failed quota: <name>: …".
  it("refuses a pod without limits when the quota covers limits.cpu", () => {
    const quota = { name: "compute", hard: { "limits.cpu": 2000 }, used: {} };
    expect(quotaAdmit([bare, { ...bare, name: "b" }], [quota])).toEqual({
      refused: "failed quota: compute: must specify limits.cpu for: app,b",
    });
  });

  // resourcequota/controller.go checkQuotas: hasUsageStats is false until the quota controller wrote status.
  it("refuses while the quota's status is still unknown", () => {
    const c: PolicyContainer = { name: "app", requests: { cpuMilli: 250 }, limits: { cpuMilli: 500 } };
    expect(quotaAdmit([c], [{ name: "compute", hard: { pods: 3, "limits.cpu": 2000 }, used: null }])).toEqual({
      refused: "status unknown for quota: compute, resources: limits.cpu,pods",
    });
  });

  // pkg/controller/resourcequota: status.used is recalculated from the live pods, not from the admissions.
  it("recalculates status.used from the pods that exist", () => {
    const pod = [{ name: "app", requests: { cpuMilli: 250 }, limits: { cpuMilli: 500 } }];
    expect(recalculateUsed([pod, pod], { "limits.cpu": 2000, pods: 5 })).toEqual({ "limits.cpu": 1000, pods: 2 });
  });
});

describe("PodSecurity admission", () => {
  const privileged: PolicyContainer = { ...bare, securityContext: { privileged: true } };
  const hardened: PolicyContainer = {
    ...bare,
    securityContext: {
      allowPrivilegeEscalation: false,
      runAsNonRoot: true,
      capabilitiesDrop: ["ALL"],
      seccompProfile: "RuntimeDefault",
    },
  };

  it("reads the pod-security.kubernetes.io labels", () => {
    expect(
      psaLabels({
        "pod-security.kubernetes.io/enforce": "baseline",
        "pod-security.kubernetes.io/warn": "restricted",
        other: "x",
      }),
    ).toEqual({ enforce: "baseline", warn: "restricted" });
  });

  // staging/src/k8s.io/pod-security-admission/admission/admission.go EvaluatePod; policy/check_privileged.go.
  it("enforce refuses a privileged pod with upstream's message", () => {
    expect(psaAdmit([privileged], { enforce: "baseline" }, false)).toEqual({
      refused:
        'violates PodSecurity "baseline:latest": privileged (container ' +
        '"app" must not set securityContext.privileged=true)',
      warnings: [],
      audit: null,
    });
  });

  it("warn admits it with a Warning", () => {
    expect(psaAdmit([privileged], { warn: "baseline" }, false)).toEqual({
      refused: null,
      warnings: [
        'would violate PodSecurity "baseline:latest": privileged ' +
          '(container "app" must not set securityContext.privileged=true)',
      ],
      audit: null,
    });
  });

  // admission.go EvaluatePodController: enforce on a workload's template only warns; the pods are refused later.
  it("a Deployment whose template violates enforce is admitted with a Warning", () => {
    const r = psaAdmit([privileged], { enforce: "baseline" }, true);
    expect(r.refused).toBeNull();
    expect(r.warnings[0]).toMatch(/^would violate PodSecurity "baseline:latest": privileged/);
  });

  // policy/check_allowPrivilegeEscalation.go, check_capabilities_restricted.go, check_runAsNonRoot.go,
  // check_seccompProfile_restricted.go.
  it("restricted lists every missing hardening field; a hardened container passes", () => {
    const r = psaAdmit([bare], { enforce: "restricted" }, false);
    expect(r.refused).toBe(
      'violates PodSecurity "restricted:latest": allowPrivilegeEscalation != false (container "app" ' +
        "must set securityContext.allowPrivilegeEscalation=false), unrestricted capabilities (container " +
        '"app" must set securityContext.capabilities.drop=["ALL"]), runAsNonRoot != true (pod or ' +
        'container "app" must set securityContext.runAsNonRoot=true), seccompProfile (pod or container ' +
        '"app" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")',
    );
    // baseline's checks first, then restricted's (a real FailedCreate event lists privileged first).
    expect(psaAdmit([privileged], { enforce: "restricted" }, false).refused).toMatch(
      new RegExp(
        /^violates PodSecurity "restricted:latest": /.source +
          /privileged \(container "app" must not set securityContext.privileged=true\), /.source +
          /allowPrivilegeEscalation != false/.source,
      ),
    );
    expect(psaAdmit([hardened], { enforce: "restricted" }, false)).toEqual({
      refused: null,
      warnings: [],
      audit: null,
    });
  });
});
