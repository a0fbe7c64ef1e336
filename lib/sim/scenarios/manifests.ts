// Manifests the workload scenarios apply, built as the API would store them before defaulting, and
// the script items that send them through kubectl. Probes use the API defaults (10 s / 1 s / 3 / 1).
import type { Action } from "../core/types";
import type { Deployment, StatefulSet } from "../objects/apps";
import type { ConcurrencyPolicy, CronJob, Job } from "../objects/batch";
import type { AppBehavior, Container, Pod, PodSpec, PodTemplate, Probe, Service } from "../objects/core";
import type { KubeObject } from "../objects/kube-object";
import type { IntOrPercent, ObjectMeta } from "../objects/meta";
import type { PodDisruptionBudget } from "../objects/policy";
import type { ScriptItem } from "./types";

export { podSpec } from "../objects/helpers";

const DEFAULT_PROBE: Probe = {
  periodSeconds: 10,
  timeoutSeconds: 1,
  failureThreshold: 3,
  successThreshold: 1,
  initialDelaySeconds: 0,
};

export function meta(name: string, labels: Record<string, string> = {}): ObjectMeta {
  return {
    name,
    namespace: "default",
    uid: "",
    resourceVersion: "",
    creationTimestamp: 0,
    labels,
    ownerReferences: [],
    deletionTimestamp: null,
  };
}

type ContainerOptions = { cpuMilli?: number; memoryMi?: number; readiness?: boolean; app?: AppBehavior };

export function container(name: string, image: string, o: ContainerOptions = {}): Container {
  const c: Container = { name, image, requests: { cpuMilli: o.cpuMilli ?? 100, memoryMi: o.memoryMi ?? 128 } };
  if (o.readiness === true) c.readinessProbe = DEFAULT_PROBE;
  if (o.app !== undefined) c.app = o.app;
  return c;
}

export function template(labels: Record<string, string>, spec: Omit<PodSpec, "nodeName">): PodTemplate {
  return { labels, spec };
}

export function deploymentOf(
  name: string,
  replicas: number,
  tpl: PodTemplate,
  strategy?: Deployment["spec"]["strategy"],
  progressDeadlineSeconds?: number,
): Deployment {
  const spec: Deployment["spec"] = { replicas, selector: { app: name }, template: tpl };
  if (strategy !== undefined) spec.strategy = strategy;
  if (progressDeadlineSeconds !== undefined) spec.progressDeadlineSeconds = progressDeadlineSeconds;
  return {
    kind: "Deployment",
    apiVersion: "apps/v1",
    metadata: meta(name, { app: name }),
    spec,
    status: { replicas: 0, readyReplicas: 0 },
  };
}

export function statefulSetOf(
  name: string,
  replicas: number,
  tpl: PodTemplate,
  policy: "OrderedReady" | "Parallel",
  claims: string[],
  partition = 0,
): StatefulSet {
  return {
    kind: "StatefulSet",
    apiVersion: "apps/v1",
    metadata: meta(name, { app: name }),
    spec: {
      replicas,
      selector: { app: name },
      serviceName: name,
      template: tpl,
      podManagementPolicy: policy,
      updateStrategy: { type: "RollingUpdate", partition },
      volumeClaimTemplates: claims.map((c) => ({ name: c, storage: "1Gi" })),
    },
    status: { replicas: 0, readyReplicas: 0, currentRevision: "", updateRevision: "" },
  };
}

type JobOptions = {
  completions?: number;
  parallelism?: number;
  backoffLimit?: number;
  activeDeadlineSeconds?: number | null;
  ttlSecondsAfterFinished?: number;
  indexed?: boolean;
};

/**
 * The spec of a Job with the batch/v1 defaults (completions 1, parallelism 1, backoffLimit 6) for what is not given.
 */
export function jobSpec(tpl: PodTemplate, o: JobOptions = {}): Omit<Job["spec"], "selector"> {
  const spec: Omit<Job["spec"], "selector"> = {
    completions: o.completions ?? 1,
    parallelism: o.parallelism ?? 1,
    backoffLimit: o.backoffLimit ?? 6,
    activeDeadlineSeconds: o.activeDeadlineSeconds ?? null,
    template: tpl,
  };
  if (o.ttlSecondsAfterFinished !== undefined) spec.ttlSecondsAfterFinished = o.ttlSecondsAfterFinished;
  if (o.indexed === true) spec.completionMode = "Indexed";
  return spec;
}

export function jobOf(name: string, tpl: PodTemplate, o: JobOptions = {}): Job {
  return {
    kind: "Job",
    apiVersion: "batch/v1",
    metadata: meta(name),
    spec: { ...jobSpec(tpl, o), selector: {} },
    status: { active: 0, ready: 0, succeeded: 0, failed: 0, startTime: null, completionTime: null, conditions: [] },
  };
}

/** A CronJob with the batch/v1 history defaults (3 successful, 1 failed). */
export function cronJobOf(
  name: string,
  schedule: string,
  policy: ConcurrencyPolicy,
  startingDeadlineSeconds: number | null,
  spec: Omit<Job["spec"], "selector">,
): CronJob {
  return {
    kind: "CronJob",
    apiVersion: "batch/v1",
    metadata: meta(name),
    spec: {
      schedule,
      concurrencyPolicy: policy,
      startingDeadlineSeconds,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
      jobTemplate: { spec },
    },
    status: { active: [], lastScheduleTime: null, lastSuccessfulTime: null },
  };
}

/** A Service on port 80; clusterIP "None" makes it headless. */
export function serviceOf(name: string, selector: Record<string, string>, clusterIP: string): Service {
  return {
    kind: "Service",
    apiVersion: "v1",
    metadata: meta(name, { app: name }),
    spec: { selector, clusterIP, ports: [{ port: 80, targetPort: 80, protocol: "TCP" }] },
  };
}

export function podOf(name: string, labels: Record<string, string>, spec: Omit<PodSpec, "nodeName">): Pod {
  return {
    kind: "Pod",
    apiVersion: "v1",
    metadata: meta(name, labels),
    spec: { ...spec, nodeName: null },
    status: { phase: "Pending", conditions: [], podIP: null },
  };
}

export function kubectlAt(at: number, name: string, args: Record<string, string | number | boolean>): ScriptItem {
  const action: Action = { type: "command", target: "kubectl", command: { name, args } };
  return { at, action };
}

/**
 * A policy/v1 PodDisruptionBudget with one of minAvailable / maxUnavailable; the disruption controller fills its
 * status.
 */
export function budgetOf(
  name: string,
  selector: Record<string, string>,
  limit: { minAvailable: IntOrPercent } | { maxUnavailable: IntOrPercent },
): PodDisruptionBudget {
  return {
    kind: "PodDisruptionBudget",
    apiVersion: "policy/v1",
    metadata: meta(name),
    spec: { selector, ...limit },
    status: { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0, disruptedPods: {} },
  };
}

/** `kubectl apply -f <file>` of a whole object. */
export function applyAt(at: number, obj: KubeObject, file: string, summary: string): ScriptItem {
  return kubectlAt(at, "create-object", { manifest: JSON.stringify(obj), file, summary });
}
