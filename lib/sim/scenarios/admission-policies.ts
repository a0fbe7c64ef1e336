// Scenario: the namespace-policy admission plugins. The `default` namespace carries a ResourceQuota
// `compute` (limits.cpu = quotaCpu cores), optionally a LimitRange whose defaults fill the requests
// and limits a container leaves out, and a PodSecurity label (enforce or warn, baseline or
// restricted). A privileged debug pod is applied first: enforce refuses it, warn admits it with a
// Warning that kubectl prints. Then Deployment web (no resources in its template) is applied: the
// Deployment and its ReplicaSet are created fine, but each pod is created by the replicaset
// controller through admission, where ResourceQuota refuses the ones that would exceed the quota
// (or all of them, "must specify limits.cpu", without LimitRange defaults): the ReplicaSet shows
// FailedCreate events and those pods never appear (plugin/pkg/admission/limitranger/admission.go,
// plugin/pkg/admission/resourcequota, pkg/quota/v1/evaluator/core/pods.go,
// staging/src/k8s.io/pod-security-admission/admission/admission.go).
import { SMALL_SPEC } from "../cluster/spec";
import { quantity, type NamespacePolicy } from "../apiserver/admission-policies";
import type { Container } from "../objects/core";
import type { Params, TraceEvent } from "../trace/types";
import { at, claim, first, select } from "./claims";
import { applyAt, container, deploymentOf, podOf, podSpec, template } from "./manifests";
import { intParam, optionsOf, type Plan, type ScenarioDef } from "./types";

const DEBUG_AT = 3000;
const WEB_AT = 6000;
const END = 60_000;
/** The LimitRange's default limit and default request per container (type Container). */
const DEFAULT_LIMIT = { cpuMilli: 500, memoryMi: 256 };
const DEFAULT_REQUEST = { cpuMilli: 250, memoryMi: 128 };
/** The debug pod sets its own (small) requests and limits, so it is charged this much limits.cpu. */
const DEBUG_CPU = 100;
const QUOTA = "compute";

const LEVELS = ["baseline", "restricted"] as const;
const MODES = ["enforce", "warn"] as const;
const levelOf = (p: Params) => LEVELS[intParam(p, "psaLevel")] ?? "baseline";
const modeOf = (p: Params) => MODES[intParam(p, "psaMode")] ?? "enforce";
const defaultsOn = (p: Params) => intParam(p, "limitRangeDefaults") === 1;

/** A container hardened for the restricted level (what a well-written template sets). */
const HARDENED = {
  allowPrivilegeEscalation: false,
  runAsNonRoot: true,
  capabilitiesDrop: ["ALL"],
  seccompProfile: "RuntimeDefault" as const,
};

function policyOf(p: Params): NamespacePolicy {
  return {
    labels: { [`pod-security.kubernetes.io/${modeOf(p)}`]: levelOf(p) },
    limitRange: defaultsOn(p)
      ? { default: DEFAULT_LIMIT, defaultRequest: DEFAULT_REQUEST, max: { cpuMilli: 1000 } }
      : null,
    quota: { name: QUOTA, hard: { pods: 10, "limits.cpu": intParam(p, "quotaCpu") * 1000 } },
  };
}

/** How many web pods the quota admits: what is left of limits.cpu after the debug pod (if admitted), 500m each. */
function expectedWebPods(p: Params): number {
  if (!defaultsOn(p)) return 0;
  const left = intParam(p, "quotaCpu") * 1000 - (modeOf(p) === "warn" ? DEBUG_CPU : 0);
  return Math.min(intParam(p, "replicas"), Math.floor(left / DEFAULT_LIMIT.cpuMilli));
}

function plan(p: Params): Plan {
  const web: Container = {
    ...container("web", "nginx:1.27", { cpuMilli: 0, memoryMi: 0, app: { readyAfterMs: 2000, exitAfterMs: null } }),
    securityContext: HARDENED,
  };
  const debug: Container = {
    ...container("debug", "busybox:1.36", {
      cpuMilli: DEBUG_CPU,
      memoryMi: 64,
      app: { readyAfterMs: 0, exitAfterMs: null },
    }),
    limits: { cpuMilli: DEBUG_CPU, memoryMi: 64 },
    securityContext: { ...HARDENED, privileged: true },
  };
  const n = intParam(p, "replicas");
  return {
    cluster: {
      ...SMALL_SPEC,
      namespacePolicy: policyOf(p),
    },
    script: [
      applyAt(
        DEBUG_AT,
        podOf("debug", { app: "debug" }, podSpec([debug])),
        "debug-pod.yaml",
        `Pod debug: securityContext.privileged true, its own requests and limits (${DEBUG_CPU}m CPU)`,
      ),
      applyAt(
        WEB_AT,
        deploymentOf("web", n, template({ app: "web" }, podSpec([web]))),
        "web-deployment.yaml",
        `Deployment web, ${n} replicas, no resources in its pod template`,
      ),
    ],
    durationMs: END,
    marks: { debug: DEBUG_AT, web: WEB_AT },
  };
}

const isWebPod = (e: TraceEvent) => typeof e.pod === "string" && e.pod.startsWith("web-");

function claims(p: Params, events: readonly TraceEvent[]) {
  const q = intParam(p, "quotaCpu");
  const n = intParam(p, "replicas");
  const want = expectedWebPods(p);
  const charged = select(events, { type: "quota.charged", where: isWebPod });
  const refusedWeb = select(events, { type: "admission.refused", where: isWebPod });
  const created = select(events, { type: "pod.created", where: isWebPod });
  const filled = select(events, { type: "admission.defaults", where: isWebPod });
  const failedCreate = select(events, { type: "replicaset.failed-create" });
  const deployCreated = first(events, {
    type: "api.response",
    where: (e) => e.resource === "deployments" && e.status === 201,
  });
  const debugResp = first(events, {
    type: "api.response",
    where: (e) => e.resource === "pods" && typeof e.command === "string" && e.command.includes("debug"),
  });
  const warning = first(events, {
    type: "kubectl.output",
    where: (e) => typeof e.warning === "string" && String(e.warning).includes("PodSecurity"),
  });
  const level = levelOf(p);
  const psaText =
    `PodSecurity "${level}:latest": privileged (container ` + `"debug" must not set securityContext.privileged=true)`;
  const out = [];
  if (defaultsOn(p)) {
    const ok =
      filled.length === charged.length &&
      charged.length > 0 &&
      filled.every(
        (e) =>
          Number(e.limitsCpuMilli) === DEFAULT_LIMIT.cpuMilli &&
          String(e.annotation).includes("cpu, memory limit for container web"),
      );
    out.push(
      claim(
        "defaults-filled",
        "The LimitRange's defaults fill what web's template leaves out: LimitRanger (a mutating " +
          `admission plugin) gives each container a ${quantity("cpu", DEFAULT_REQUEST.cpuMilli)} CPU ` +
          `request and a ${quantity("cpu", DEFAULT_LIMIT.cpuMilli)} CPU limit and records it in the ` +
          "kubernetes.io/limit-ranger annotation, before ResourceQuota counts them.",
        ok,
        [...filled, ...charged],
        `${filled.length} web pods defaulted${filled[0] ? `: "${String(filled[0].annotation)}"` : ""}; ` +
          `${charged.length} charged to the quota.`,
      ),
    );
  } else {
    const msg = `failed quota: ${QUOTA}: must specify limits.cpu for: web`;
    out.push(
      claim(
        "must-specify-limits",
        "Without LimitRange defaults, web's containers set no CPU limit, and a quota on limits.cpu " +
          `makes every container name one: ResourceQuota refuses every web pod with "${msg}".`,
        refusedWeb.length > 0 && refusedWeb.every((e) => String(e.error).endsWith(msg)) && charged.length === 0,
        refusedWeb.slice(0, 3),
        `${refusedWeb.length} web pods refused${refusedWeb[0] ? `: ${String(refusedWeb[0].error)}` : ""}.`,
      ),
    );
  }
  if (defaultsOn(p) && n > want) {
    const used = want * DEFAULT_LIMIT.cpuMilli + (modeOf(p) === "warn" ? DEBUG_CPU : 0);
    const msg =
      `exceeded quota: ${QUOTA}, requested: limits.cpu=${quantity("cpu", DEFAULT_LIMIT.cpuMilli)}, ` +
      `used: limits.cpu=${quantity("cpu", used)}, limited: limits.cpu=${quantity("cpu", q * 1000)}`;
    const quotaRefused = refusedWeb.filter((e) => e.plugin === "ResourceQuota");
    out.push(
      claim(
        "quota-refuses",
        `Quota ${QUOTA} allows limits.cpu ${q}: once ${want} web pods ` +
          `(${quantity("cpu", DEFAULT_LIMIT.cpuMilli)} ` +
          `each${modeOf(p) === "warn" ? `, after the debug pod's ${DEBUG_CPU}m` : ""}) are charged, the next ` +
          `create would exceed it and is refused, 403 Forbidden: "${msg}".`,
        charged.length === want && quotaRefused.length > 0 && quotaRefused.every((e) => String(e.error).endsWith(msg)),
        [...charged, ...quotaRefused.slice(0, 2)],
        `${charged.length} web pods charged; ${quotaRefused.length} ` +
          `refused${quotaRefused[0] ? ` ${at(quotaRefused[0])}: ${String(quotaRefused[0].error)}` : ""}.`,
      ),
    );
  } else if (defaultsOn(p)) {
    out.push(
      claim(
        "quota-admits",
        `Quota ${QUOTA} allows limits.cpu ${q}, enough for all ${n} web pods at ` +
          `${quantity("cpu", DEFAULT_LIMIT.cpuMilli)} each: every create is admitted and charged, none refused.`,
        charged.length === n && refusedWeb.length === 0,
        charged,
        `${charged.length} web pods charged, ${refusedWeb.length} ` +
          `refused${charged.length > 0 ? `; last: ${String(charged[charged.length - 1]!.used)}` : ""}.`,
      ),
    );
  }
  if (n > want) {
    out.push(
      claim(
        "deployment-created-pods-refused",
        "Deployment web itself is created fine (201): admission checks pods, not the Deployment. " +
          `Its ReplicaSet then asks for ${n} pods and only ${want} get through; the refused creates ` +
          "show only as FailedCreate events on the ReplicaSet, and those pods never appear.",
        deployCreated !== undefined &&
          failedCreate.length > 0 &&
          created.length === want &&
          failedCreate.every((e) => String(e.event).startsWith('Error creating: pods "web-')),
        [deployCreated, ...created, ...failedCreate.slice(0, 2)],
        `Deployment created ${at(deployCreated)}; ${created.length} web pods created; ${failedCreate.length} ` +
          `FailedCreate events${failedCreate[0] ? `, e.g. "${String(failedCreate[0].event)}"` : ""}.`,
      ),
    );
  } else {
    out.push(
      claim(
        "deployment-pods-created",
        "Deployment web is created (201) and its ReplicaSet creates all " +
          `${n} pods: none is refused, so no FailedCreate event.`,
        deployCreated !== undefined && created.length === n && failedCreate.length === 0,
        [deployCreated, ...created],
        `${created.length} web pods created; ${failedCreate.length} FailedCreate events.`,
      ),
    );
  }
  if (modeOf(p) === "enforce") {
    out.push(
      claim(
        "psa-enforce-refuses",
        `The namespace's label pod-security.kubernetes.io/enforce=${level} makes ` +
          `PodSecurity refuse the privileged debug pod: kubectl prints "Error from ` +
          `server (Forbidden): pods "debug" is forbidden: violates ${psaText}".`,
        debugResp?.status === 403 && String(debugResp.error).endsWith(`violates ${psaText}`),
        [debugResp],
        `${debugResp ? `HTTP ${String(debugResp.status)}: ${String(debugResp.error)}` : "no answer"}.`,
      ),
    );
  } else {
    out.push(
      claim(
        "psa-warn-admits",
        `With pod-security.kubernetes.io/warn=${level} (and no enforce label) the privileged debug pod is ` +
          `admitted, 201 Created, with a Warning header that kubectl prints: "Warning: would violate ${psaText}".`,
        debugResp?.status === 201 && warning !== undefined && String(warning.warning) === `would violate ${psaText}`,
        [warning, debugResp],
        `${warning ? String(warning.warning) : "no warning"}; ` +
          `${debugResp ? `HTTP ${String(debugResp.status)}` : "no answer"}.`,
      ),
    );
  }
  return out;
}

export const admissionPolicies: ScenarioDef = {
  id: "admission-policies",
  title: "ResourceQuota, LimitRange and Pod Security Admission",
  summary:
    "LimitRange defaults fill a pod's requests and limits, ResourceQuota refuses the pods " +
    "that would exceed the namespace's quota (the Deployment is created, its pods are " +
    "not), and Pod Security Admission refuses or warns about a privileged pod.",
  params: [
    {
      name: "quotaCpu",
      type: "integer",
      label: "Quota limits.cpu",
      description: "`spec.hard[limits.cpu]` of ResourceQuota compute in the namespace, in cores.",
      default: 2,
      min: 1,
      max: 4,
    },
    {
      name: "replicas",
      type: "integer",
      label: "Replicas",
      description: "`spec.replicas` of Deployment web (each pod gets a 500m CPU limit from the LimitRange).",
      default: 6,
      min: 1,
      max: 8,
    },
    {
      name: "limitRangeDefaults",
      type: "enum",
      label: "LimitRange defaults",
      description:
        "Whether the namespace has a LimitRange whose default request " +
        "(250m) and limit (500m) fill containers that set none.",
      default: 1,
      options: optionsOf(["Off", "On"]),
    },
    {
      name: "psaLevel",
      type: "enum",
      label: "Pod Security level",
      description: "The level in the namespace's `pod-security.kubernetes.io/<mode>` label.",
      default: 0,
      options: optionsOf(LEVELS),
    },
    {
      name: "psaMode",
      type: "enum",
      label: "Pod Security mode",
      description: "enforce refuses a violating pod; warn admits it with a Warning header.",
      default: 0,
      options: optionsOf(MODES),
    },
  ],
  plan,
  claims,
};
