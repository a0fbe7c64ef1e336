// Scenario: the whole request flow of `kubectl create deployment nginx --image=nginx` (k8s-facts §7):
// the API server's handler chain (authentication, API Priority and Fairness, authorization,
// decode and defaulting, mutating admission, schema validation, validating admission, the etcd write replicated to a
// majority), the watch fan-out to the controllers, the deployment and ReplicaSet controllers, the
// scheduler binding through pods/binding, and the kubelet's sandbox → image pull → start → status.
import { SMALL_SPEC } from "../cluster/spec";
import { majority } from "../raft/quorum";
import type { Params, TraceEvent } from "../trace/types";
import { at, claim, end, first, select } from "./claims";
import { kubectlAt } from "./manifests";
import { intParam, type Plan, type ScenarioDef } from "./types";

const AT = 5000;
const STAGES = [
  "authentication",
  "priority-and-fairness",
  "authorization",
  "defaulting",
  "mutating-admission",
  "schema-validation",
  "validating-admission",
  "etcd-write",
  "response",
];
const NAME_RE = /^nginx-([bcdfghjklmnpqrstvwxz2456789]+)-([bcdfghjklmnpqrstvwxz2456789]{5})$/;

function plan(p: Params): Plan {
  const replicas = intParam(p, "replicas");
  const args: Record<string, string | number> = { name: "nginx", image: "nginx" };
  if (replicas !== 1) args.replicas = replicas;
  return {
    cluster: {
      ...SMALL_SPEC,
      etcdMembers: intParam(p, "etcdMembers"),
      etcdTopology: "external",
      traceRequestFlow: true,
    },
    script: [kubectlAt(AT, "create", args)],
    durationMs: AT + 15_000,
    marks: { create: AT },
  };
}

function stagesOf(events: readonly TraceEvent[], request: string): TraceEvent[] {
  return select(events, { type: "api.stage", where: (e) => e.request === request });
}

function chainClaims(p: Params, events: readonly TraceEvent[]) {
  const req = "POST /apis/apps/v1/namespaces/default/deployments";
  const stages = stagesOf(events, req);
  const order = stages.map((e) => String(e.stage));
  const defaulting = stages.find((e) => e.stage === "defaulting");
  const write = stages.find((e) => e.stage === "etcd-write");
  const commit = first(events, {
    type: "raft.committed",
    from: write?.t ?? AT,
    where: (e) => typeof e.message === "string" && e.message.includes("create deployments default/nginx"),
  });
  const response = stages.find((e) => e.stage === "response");
  const members = intParam(p, "etcdMembers");
  return [
    claim(
      "handler-chain",
      `The POST goes through ${STAGES.join(" → ")}: API Priority and Fairness sits between authentication ` +
        "and authorization, and schema validation between mutating and validating admission.",
      order.join(",") === STAGES.join(","),
      stages,
      `stages seen: ${order.join(" → ") || "none"}.`,
    ),
    claim(
      "pull-policy-defaulted",
      'Defaulting gives the container imagePullPolicy Always, because the image "nginx" has no tag (implicit :latest).',
      defaulting !== undefined && String(defaulting.detail).includes("imagePullPolicy Always"),
      [defaulting],
      String(defaulting?.detail ?? "no defaulting stage"),
    ),
    claim(
      "etcd-majority",
      `The etcd write commits once a majority (${majority(members)} of ` +
        `${members}) of members has it, before the API server answers 201 Created.`,
      commit !== undefined &&
        response !== undefined &&
        commit.t <= response.t &&
        String(response.detail).startsWith("201"),
      [write, commit, response],
      commit ? `committed at ${commit.t} ms, answered at ${response?.t} ms.` : "no commit seen.",
    ),
  ];
}

function controllerClaims(events: readonly TraceEvent[]) {
  const fanout = first(events, {
    type: "api.watch-event",
    where: (e) =>
      e.resource === "deployments" &&
      e.name === "nginx" &&
      Array.isArray(e.watchers) &&
      e.watchers.includes("kube-controller-manager-1"),
  });
  const rs = first(events, { type: "replicaset.created", where: (e) => String(e.replicaset).startsWith("nginx-") });
  const pods = select(events, { type: "pod.created", where: (e) => NAME_RE.test(String(e.pod)) });
  const hash = String(rs?.replicaset ?? "").slice("nginx-".length);
  const sameHash = pods.length > 0 && pods.every((e) => NAME_RE.exec(String(e.pod))?.[1] === hash);
  return [
    claim(
      "watch-fan-out",
      "The watch cache sends the new Deployment to the deployment controller's informer in kube-controller-manager.",
      fanout !== undefined,
      [fanout],
      fanout ? String(fanout.message) : "no watch event reached the controller manager.",
    ),
    claim(
      "replicaset-created",
      "The deployment controller creates ReplicaSet nginx-<pod-template-hash> " +
        "at revision 1, at full size (nothing to surge against).",
      rs !== undefined && rs.revision === 1,
      [rs],
      rs ? String(rs.message) : "no ReplicaSet.",
    ),
    claim(
      "pod-named",
      "The ReplicaSet controller creates pods nginx-<hash>-<5 random characters " +
        "from bcdfghjklmnpqrstvwxz2456789>, the hash being the ReplicaSet's.",
      sameHash,
      pods,
      pods.map((e) => String(e.pod)).join(", ") || "no pods.",
    ),
  ];
}

function nodeClaims(events: readonly TraceEvent[]) {
  const pod = String(first(events, { type: "pod.created" })?.pod ?? "");
  const bindReq = first(events, {
    type: "api.stage",
    where: (e) => e.request === `POST /api/v1/namespaces/default/pods/${pod}/binding` && e.stage === "authorization",
  });
  const scheduled = first(events, { type: "pod.scheduled", where: (e) => e.pod === pod });
  const node = String(scheduled?.node ?? "");
  const steps = ["pod.sandbox-ready", "pod.image-pulled", "pod.container-started", "pod.running"].map((type) =>
    first(events, { type, where: (e) => e.pod === pod && e.node === node }),
  );
  const inOrder = steps.every((e, i) => e !== undefined && (i === 0 || e.seq > steps[i - 1]!.seq));
  const pulled = steps[1];
  const service = first(events, {
    where: (e) => e.type === "endpointslice.updated" || e.type.startsWith("kube-proxy."),
  });
  return [
    claim(
      "binding-subresource",
      "kube-scheduler binds the pod with POST …/pods/<name>/binding, authorized as system:kube-scheduler.",
      bindReq !== undefined && bindReq.user === "system:kube-scheduler" && scheduled !== undefined,
      [bindReq, scheduled],
      scheduled ? String(scheduled.message) : "the pod was not scheduled.",
    ),
    claim(
      "kubelet-steps",
      "The kubelet on that node creates the sandbox (pause container + CNI IP), pulls the " +
        "image (policy Always), starts the container, then reports Running and Ready.",
      inOrder && pulled?.policy === "Always",
      steps,
      steps.map((e) => (e === undefined ? "missing" : `${e.type} at ${e.t} ms`)).join(", "),
    ),
    claim(
      "no-service",
      "kubectl create deployment creates no Service: no EndpointSlice is written and kube-proxy has nothing to do.",
      service === undefined,
      service !== undefined ? [service] : [first(events, { type: "kubectl.command" }), end(events)],
      service === undefined
        ? "no EndpointSlice or kube-proxy event between the command " +
            `${at(first(events, { type: "kubectl.command" }))} and the end of the run ${at(end(events))}.`
        : String(service.message),
    ),
  ];
}

export const kubectlCreateDeployment: ScenarioDef = {
  id: "kubectl-create-deployment",
  title: "kubectl create deployment, step by step",
  summary:
    "Follow `kubectl create deployment nginx --image=nginx` through the API " +
    "server's handler chain, etcd, the controllers, the scheduler and the kubelet.",
  params: [
    {
      name: "replicas",
      type: "integer",
      label: "Replicas",
      description: "`--replicas` of `kubectl create deployment`.",
      default: 1,
      min: 1,
      max: 5,
    },
    {
      name: "etcdMembers",
      type: "integer",
      label: "etcd members",
      description: "Members of the (external) etcd cluster; a write needs a majority of them.",
      default: 3,
      min: 1,
      max: 5,
    },
  ],
  plan,
  raftTape: true,
  claims: (p, events) => [...chainClaims(p, events), ...controllerClaims(events), ...nodeClaims(events)],
};
