// kubectl as a scripted user. Each command becomes the HTTP requests kubectl really makes (apply =
// GET, then POST or PATCH; scale = GET, then PATCH) with no client-side timeout (kubectl's --request-timeout defaults
// to 0), and every response is traced as api.response with the text kubectl would print.
import { defineComponent, type Ctx } from "../core/component";
import type { Command, Envelope } from "../core/types";
import type { Credential } from "../apiserver/authn";
import { apiCall, PAGE_SIZE, type ApiCall } from "../apiserver/http";
import {
  emptyHttpClient,
  httpOnMessage,
  httpOnTimer,
  httpSend,
  type HttpClient,
  type HttpClientConfig,
  type HttpClientTimer,
  type HttpResult,
} from "../client/http-client";
import type { Resource } from "../objects/resources";
import type { Deployment, ReplicaSet, StatefulSet } from "../objects/apps";
import type { Pod } from "../objects/core";
import type { KubeObject } from "../objects/kube-object";
import { RESOURCES, resourceOf } from "../objects/resources";
import { kubectlError, kubectlSummary } from "./kubectl-output";
import {
  listSets,
  restartPatch,
  restoredTemplate,
  rollbackTarget,
  scalePatch,
  setImagePatch,
  workloadResource,
} from "./kubectl-flows";
import {
  onDrainResponse,
  onDrainTimer,
  onUncordonResponse,
  startDrain,
  startUncordon,
  type DrainHost,
  type DrainTimer,
} from "./kubectl-drain";
import { newObjectMeta } from "../objects/meta";
import { podSpec } from "../objects/helpers";

/** `kubeconfigs`: the credential of each kubeconfig a command may name (`as`: admin, the default, is admin.conf). */
export type KubectlConfig = { server: string; kubeconfigs: Record<string, Credential> };
/** A request's context: the command it belongs to and its step in that command's sequence of requests. */
type KubectlRequest = { c: Command; step: string };

type KubectlState = { http: HttpClient<KubectlRequest> } & DrainHost;

function deployment(args: Command["args"], now: number): Deployment {
  const name = String(args.name);
  const labels = { app: name };
  return {
    kind: "Deployment",
    apiVersion: "apps/v1",
    metadata: newObjectMeta(name, "default", labels, now),
    spec: {
      replicas: Number(args.replicas ?? 1),
      selector: labels,
      template: {
        labels,
        spec: podSpec([
          {
            name,
            image: String(args.image ?? "nginx:1.27"),
            requests: { cpuMilli: Number(args.cpu ?? 100), memoryMi: Number(args.memory ?? 128) },
          },
        ]),
      },
    },
    status: { replicas: 0, readyReplicas: 0 },
  };
}

/** The command line a learner would type, for the trace. */
function commandLine(c: Command): string {
  const user = c.args.as;
  const line = bareCommandLine(c);
  return user === undefined ? line : line.replace(/^kubectl /, `kubectl --kubeconfig=${String(user)}.conf `);
}

function bareCommandLine(c: Command): string {
  const a = c.args;
  switch (c.name) {
    case "get":
      return `kubectl get ${a.resource}${a.name !== undefined ? ` ${a.name}` : ""}`;
    case "apply":
      return `kubectl apply -f deployment.yaml  # Deployment ${a.name}, ${a.replicas ?? 1} replicas`;
    case "create":
      return a.replicas === undefined
        ? `kubectl create deployment ${a.name} --image=${a.image ?? "nginx:1.27"}`
        : `kubectl create deployment ${a.name} --image=${a.image ?? "nginx:1.27"} --replicas=${a.replicas}`;
    case "create-object":
      return `kubectl apply -f ${a.file}  # ${a.summary}`;
    case "scale":
      return `kubectl scale ${a.kind ?? "deployment"} ${a.name} --replicas=${a.replicas}`;
    case "set-image":
      return `kubectl set image ${a.kind ?? "deployment"}/${a.name} ${a.container ?? a.name}=${a.image}`;
    case "rollout-restart":
      return `kubectl rollout restart ${a.kind ?? "deployment"}/${a.name}`;
    case "rollout-undo":
      return (
        "kubectl rollout undo " +
        `deployment/${a.name}${a.toRevision === undefined ? "" : ` --to-revision=${a.toRevision}`}`
      );
    case "delete":
      return `kubectl delete ${a.resource} ${a.name}${a.cascade === undefined ? "" : ` --cascade=${a.cascade}`}`;
    case "patch":
      return `kubectl patch ${String(a.resource).replace(/s$/, "")} ${a.name} -p '${a.patch}'`;
    case "delete-first":
      return `kubectl delete pod $(kubectl get pods -l ${a.label} -o name | head -1)`;
    default:
      return `kubectl ${c.name}`;
  }
}

function config(cfg: KubectlConfig, c: Command): HttpClientConfig {
  const user = String(c.args.as ?? "admin");
  return {
    server: cfg.server,
    credential: cfg.kubeconfigs[user] ?? { kind: "bearer", token: `unknown-token-for-${user}` },
  };
}

function issue(s: KubectlState, cfg: KubectlConfig, c: Command, call: ApiCall, step: string, ctx: Ctx): KubectlState {
  return { ...s, http: httpSend(s.http, config(cfg, c), call, { c, step }, null, ctx).hc };
}

/** The requests of one command, tagged with it (kubectl-drain.ts sends through this). */
function sender(
  cfg: KubectlConfig,
  c: Command,
  ctx: Ctx,
): (s: KubectlState, call: ApiCall, step: string) => KubectlState {
  return (s, call, step) => issue(s, cfg, c, call, step, ctx);
}

/** The first request's step of the commands that read a workload, then patch it (see followUp). */
const WORKLOAD_GET_STEPS: Record<string, string> = {
  scale: "scale-get",
  "set-image": "image-get",
  "rollout-restart": "restart-get",
};

function onCommand(s: KubectlState, c: Command, ctx: Ctx, cfg: KubectlConfig): KubectlState {
  const a = c.args;
  // Drain and uncordon print their own command lines (drain names the node once it is chosen).
  if (c.name === "drain") {
    if (a.node === "@busiest-worker")
      ctx.trace("kubectl.command", "$ kubectl get pods -o wide  # which worker runs the most pods?", {
        command: "kubectl get pods -o wide",
      });
    return startDrain(s, c, sender(cfg, c, ctx), ctx);
  }
  if (c.name === "uncordon") return startUncordon(s, c, sender(cfg, c, ctx), ctx);
  ctx.trace("kubectl.command", `$ ${commandLine(c)}`, { command: commandLine(c) });
  const ns = { namespace: "default" };
  // Nodes and CustomResourceDefinitions are cluster-scoped: no namespace in the path or the key.
  const scopeOf = (resource: Resource) => (RESOURCES[resource].namespaced ? ns : { namespace: null });
  switch (c.name) {
    case "get": {
      const resource = String(a.resource) as Resource;
      const scope = scopeOf(resource);
      const call =
        a.name === undefined
          ? apiCall("list", resource, { ...scope, limit: PAGE_SIZE })
          : apiCall("get", resource, { ...scope, name: String(a.name) });
      return issue(s, cfg, c, call, "get", ctx);
    }
    case "apply":
      return issue(s, cfg, c, apiCall("get", "deployments", { ...ns, name: String(a.name) }), "apply-get", ctx);
    case "create":
      // kubectl create deployment sets no resource requests (apply's manifest here does).
      return issue(
        s,
        cfg,
        c,
        apiCall("create", "deployments", { ...ns, body: deployment({ cpu: 0, memory: 0, ...a }, ctx.now) }),
        "create",
        ctx,
      );
    case "create-object": {
      const body = JSON.parse(String(a.manifest)) as KubeObject;
      return issue(
        s,
        cfg,
        c,
        apiCall("create", resourceOf(body), { ...scopeOf(resourceOf(body)), body }),
        "create",
        ctx,
      );
    }
    case "scale":
    case "set-image":
    case "rollout-restart":
      // The resource builder GETs the object first; followUp sends the PATCH once it answers.
      return issue(
        s,
        cfg,
        c,
        apiCall("get", workloadResource(a.kind), { ...ns, name: String(a.name) }),
        WORKLOAD_GET_STEPS[c.name]!,
        ctx,
      );
    case "delete-first": {
      const [k = "", v = ""] = String(a.label).split("=");
      return issue(s, cfg, c, apiCall("list", "pods", { ...ns, labelSelector: { [k]: v } }), "first-list", ctx);
    }
    case "rollout-undo":
      return issue(s, cfg, c, apiCall("get", "deployments", { ...ns, name: String(a.name) }), "undo-get", ctx);
    case "delete": {
      // --cascade=background|foreground|orphan becomes the DeleteOptions' propagationPolicy.
      const cascade =
        a.cascade === undefined
          ? {}
          : {
              body: {
                propagationPolicy: { background: "Background", foreground: "Foreground", orphan: "Orphan" }[
                  String(a.cascade)
                ],
              },
            };
      return issue(
        s,
        cfg,
        c,
        apiCall("delete", String(a.resource) as Resource, {
          ...scopeOf(String(a.resource) as Resource),
          name: String(a.name),
          ...cascade,
        }),
        "delete",
        ctx,
      );
    }
    case "patch":
      // kubectl patch with a strategic-merge body; for the fields patched here it is a merge patch.
      return issue(
        s,
        cfg,
        c,
        apiCall("patch", String(a.resource) as Resource, {
          ...scopeOf(String(a.resource) as Resource),
          name: String(a.name),
          body: JSON.parse(String(a.patch)) as unknown,
        }),
        "patch",
        ctx,
      );
    default:
      ctx.trace("kubectl.error", `error: unknown command "${c.name}" for "kubectl"`, { command: c.name });
      return s;
  }
}

function onResult(s: KubectlState, cfg: KubectlConfig, r: HttpResult<KubectlRequest>, ctx: Ctx): KubectlState {
  if (r.kind !== "response") return s;
  const { c, step } = r.tag;
  if (step.startsWith("drain:")) return onDrainResponse(s, step, r, sender(cfg, c, ctx), ctx);
  if (step.startsWith("uncordon:")) {
    onUncordonResponse(step, r, ctx);
    return s;
  }
  const call = r.call as ApiCall;
  // kubectl apply's first GET answering 404 is how apply learns it must create: not an error.
  const ok = (r.status >= 200 && r.status < 300) || (step === "apply-get" && r.status === 404);
  const text = !ok
    ? kubectlError(r.status, r.error ?? "", r.body, cfg.server)
    : r.status === 404
      ? `deployments.apps "${call.name}" not found, so apply creates it`
      : step === "restart-patch"
        ? `${workloadResource(c.args.kind).replace(/s$/, "")}.apps/${call.name} restarted`
        : kubectlSummary(call, r.status, r.body);
  const verb = call.subresource === null ? call.verb : `${call.verb} ${call.subresource}`;
  const line = commandLine(c);
  // client-go's warning handler prints each Warning header to stderr, before the result.
  for (const w of r.warnings ?? []) ctx.trace("kubectl.output", `Warning: ${w}`, { command: line, warning: w });
  ctx.trace(
    "api.response",
    ok
      ? `${line} → ${text} (HTTP ${r.status} after ${r.latencyMs} ms)`
      : `${line} failed after ${(r.latencyMs / 1000).toFixed(1)} s: ${text}`,
    { verb, resource: call.resource, status: r.status, error: ok ? null : text, latencyMs: r.latencyMs, command: line },
  );
  if (ok && r.status === 200) {
    const next = followUp(c, step, r.body, ctx);
    if (next !== null) return issue(s, cfg, c, next.call, next.step, ctx);
  }
  if (step !== "apply-get") return s;
  // kubectl apply: create when absent, otherwise patch the live object.
  if (r.status === 404)
    return issue(
      s,
      cfg,
      c,
      apiCall("create", "deployments", { namespace: "default", body: deployment(c.args, ctx.now) }),
      "apply-create",
      ctx,
    );
  if (r.status === 200) {
    const d = deployment(c.args, ctx.now);
    return issue(
      s,
      cfg,
      c,
      apiCall("patch", "deployments", {
        namespace: "default",
        name: d.metadata.name,
        body: { spec: { replicas: d.spec.replicas, template: d.spec.template } },
      }),
      "apply-patch",
      ctx,
    );
  }
  return s;
}

/** The next request of a multi-request command (scale, set image, rollout restart or undo), or null when done. */
function followUp(c: Command, step: string, body: unknown, ctx: Ctx): { call: ApiCall; step: string } | null {
  if (step === "first-list") {
    const first = (body as { items: Pod[] }).items
      .filter((p) => p.metadata.deletionTimestamp === null)
      .map((p) => p.metadata.name)
      .sort()[0];
    return first === undefined
      ? null
      : { call: apiCall("delete", "pods", { namespace: "default", name: first }), step: "first-delete" };
  }
  if (step === "scale-get") return { call: scalePatch(c), step: "scale" };
  if (step === "image-get") return { call: setImagePatch(c, body as Deployment | StatefulSet), step: "image-patch" };
  if (step === "restart-get")
    return { call: restartPatch(c, body as Deployment | StatefulSet, ctx.now), step: "restart-patch" };
  if (step === "undo-get")
    return {
      call: listSets(body as Deployment),
      step: `undo-list:${JSON.stringify((body as Deployment).metadata.uid)}`,
    };
  if (step.startsWith("undo-list:")) {
    const uid = JSON.parse(step.slice("undo-list:".length)) as string;
    const sets = (body as { items: ReplicaSet[] }).items;
    const owner = { metadata: { uid } } as Deployment;
    const target = rollbackTarget(sets, owner, c.args.toRevision === undefined ? null : Number(c.args.toRevision));
    if (target === null) {
      ctx.trace("kubectl.error", `error: no rollout history found for deployment "${String(c.args.name)}"`, {
        command: c.name,
      });
      return null;
    }
    return {
      call: apiCall("patch", "deployments", {
        namespace: "default",
        name: String(c.args.name),
        body: { spec: { template: restoredTemplate(target) } },
      }),
      step: "undo-patch",
    };
  }
  return null;
}

export const kubectl = defineComponent<KubectlConfig, KubectlState, HttpClientTimer | DrainTimer>({
  kind: "kubectl",
  boot: () => ({ http: emptyHttpClient() }),
  onMessage: (s0: KubectlState, env: Envelope, ctx: Ctx, cfg: KubectlConfig) => {
    const { hc, results } = httpOnMessage(s0.http, { server: cfg.server, credential: null }, env, ctx);
    let s: KubectlState = { ...s0, http: hc };
    for (const r of results) s = onResult(s, cfg, r, ctx);
    return s;
  },
  onTimer: (s, timer, ctx, cfg) => {
    if (timer.lib === undefined)
      return onDrainTimer(s, timer, sender(cfg, { name: "drain", args: s.drain?.args ?? {} }, ctx), ctx);
    const { hc, results } = httpOnTimer(s.http, timer, ctx);
    let next: KubectlState = { ...s, http: hc };
    for (const r of results) next = onResult(next, cfg, r, ctx);
    return next;
  },
  onCommand,
});
