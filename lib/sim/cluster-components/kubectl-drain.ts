// `kubectl drain` and `kubectl uncordon` as kubectl runs them (staging/src/k8s.io/kubectl/pkg/drain:
// drain.go, cordon.go, filters.go). Drain first cordons the node (GET it, then PATCH
// spec.unschedulable=true: "node/<n> cordoned"), lists the pods bound to it
// (fieldSelector spec.nodeName), filters them (DaemonSet pods are ignored with --ignore-daemonsets
// and refused without it; mirror pods are skipped; pods no controller owns need --force), then
// evicts every remaining pod at once, one POST .../pods/<name>/eviction each. An eviction answered
// 429 (the pod's disruption budget has no disruption left) is retried after 5 s, printing
// `evicting pod` again; a granted one is followed by waitForDelete, a GET every second until the pod
// is gone (or has another UID): "pod/<name> evicted". When every pod is gone: "node/<n> drained".
// --timeout (0: none) ends the drain with an error instead. Uncordon patches spec.unschedulable back
// to false (kubectl sends it without the GET that cordon.go's helper makes first).
import type { Ctx } from "../core/component";
import { controllerRef } from "../objects/helpers";
import type { Command } from "../core/types";
import { apiCall, type ApiCall } from "../apiserver/http";
import type { HttpResponse } from "../client/http-client";
import type { Node, Pod } from "../objects/core";

/** kubectl drain's retry delay after a 429 (evictPods: "will retry after 5s"). */
const EVICTION_RETRY_MS = 5000;
/** waitForDelete's poll interval (drain.go: interval 1 s, PollImmediate). */
const DELETE_POLL_MS = 1000;

type DrainPod = {
  name: string;
  namespace: string;
  uid: string;
  stage: "evicting" | "retrying" | "waiting" | "gone";
};

type DrainState = {
  /** The node being drained; null while `@busiest-worker` is being looked up. */
  node: string | null;
  args: Command["args"];
  pods: Record<string, DrainPod>;
  finished: boolean;
};

export type DrainTimer =
  | { lib?: undefined; t: "drain-retry"; pod: string }
  | { lib?: undefined; t: "drain-poll"; pod: string }
  | { lib?: undefined; t: "drain-timeout" };

export type DrainHost = { drain?: DrainState };
type Send<S> = (s: S, call: ApiCall, step: string) => S;

export function drainCommandLine(a: Command["args"], node: string): string {
  const timeout = Number(a.timeoutSeconds ?? 0);
  return (
    "kubectl drain " +
    `${node}${a.ignoreDaemonsets === false ? "" : " --ignore-daemonsets"}${timeout > 0 ? ` --timeout=${timeout}s` : ""}`
  );
}

/** A line kubectl drain prints (the event's message is the line itself). */
function say(
  ctx: Ctx,
  type: string,
  line: string,
  fields: Record<string, string | number | boolean | null> = {},
): void {
  ctx.trace(type, line, fields);
}

/** `kubectl drain <node>`; with node `@busiest-worker` the operator first looks up the worker running the most pods. */
export function startDrain<S extends DrainHost>(s: S, c: Command, send: Send<S>, ctx: Ctx): S {
  const node = String(c.args.node);
  const drain: DrainState = { node: node === "@busiest-worker" ? null : node, args: c.args, pods: {}, finished: false };
  const next = { ...s, drain };
  if (drain.node === null) return send(next, apiCall("list", "pods", { namespace: "default" }), "drain:pick");
  return beginDrain(next, drain.node, send, ctx);
}

function beginDrain<S extends DrainHost>(s: S, node: string, send: Send<S>, ctx: Ctx): S {
  ctx.trace("kubectl.command", `$ ${drainCommandLine(s.drain!.args, node)}`, {
    command: drainCommandLine(s.drain!.args, node),
    node,
  });
  const timeout = Number(s.drain!.args.timeoutSeconds ?? 0);
  if (timeout > 0) ctx.after(timeout * 1000, { t: "drain-timeout" } satisfies DrainTimer);
  return send({ ...s, drain: { ...s.drain!, node } }, apiCall("get", "nodes", { name: node }), "drain:cordon-get");
}

/** The worker with the most non-terminating pods bound to it (ties: the lowest name). Pure. */
export function busiestNode(pods: readonly Pod[]): string | null {
  const counts = new Map<string, number>();
  for (const p of pods)
    if (p.spec.nodeName !== null && p.metadata.deletionTimestamp === null)
      counts.set(p.spec.nodeName, (counts.get(p.spec.nodeName) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? null;
}

function fail<S extends DrainHost>(s: S, message: string, ctx: Ctx): S {
  say(
    ctx,
    "drain.failed",
    `error: unable to drain node "${s.drain?.node ?? ""}" due to error: ${message}, continuing command...`,
    { node: s.drain?.node ?? "" },
  );
  return { ...s, drain: { ...s.drain!, finished: true } };
}

export function onDrainResponse<S extends DrainHost>(
  s: S,
  step: string,
  r: HttpResponse<unknown>,
  send: Send<S>,
  ctx: Ctx,
): S {
  const d = s.drain;
  if (d === undefined || d.finished) return s;
  const [, what = "", pod = ""] = step.split(":");
  switch (what) {
    case "pick": {
      const node = r.status === 200 ? busiestNode((r.body as { items: Pod[] }).items) : null;
      if (node === null) return fail(s, "no worker runs a pod", ctx);
      say(ctx, "kubectl.output", `${node} runs the most pods: drain it.`, { node });
      return beginDrain(s, node, send, ctx);
    }
    case "cordon-get":
      if (r.status !== 200) return fail(s, r.error ?? `HTTP ${r.status}`, ctx);
      if ((r.body as Node).spec.unschedulable) {
        say(ctx, "drain.cordoned", `node/${d.node} already cordoned`, { node: d.node });
        return listPods(s, send);
      }
      return send(
        s,
        apiCall("patch", "nodes", { name: d.node, body: { spec: { unschedulable: true } } }),
        "drain:cordon",
      );
    case "cordon":
      if (r.status !== 200) return fail(s, r.error ?? `HTTP ${r.status}`, ctx);
      say(ctx, "drain.cordoned", `node/${d.node} cordoned`, { node: d.node });
      return listPods(s, send);
    case "list":
      return r.status === 200
        ? evictAll(s, (r.body as { items: Pod[] }).items, send, ctx)
        : fail(s, r.error ?? `HTTP ${r.status}`, ctx);
    case "evict":
      return onEvicted(s, pod, r, send, ctx);
    case "wait":
      return onWait(s, pod, r, ctx);
    default:
      return s;
  }
}

function listPods<S extends DrainHost>(s: S, send: Send<S>): S {
  return send(
    s,
    apiCall("list", "pods", { namespace: null, fieldSelector: { "spec.nodeName": s.drain!.node! } }),
    "drain:list",
  );
}

/** getPodsForDeletion's filters, then one eviction per pod, all at once. */
function evictAll<S extends DrainHost>(s0: S, items: readonly Pod[], send: Send<S>, ctx: Ctx): S {
  const d = s0.drain!;
  const owned = (p: Pod, kind: string) => controllerRef(p, kind) !== undefined;
  const daemons = items.filter((p) => owned(p, "DaemonSet"));
  if (daemons.length > 0 && d.args.ignoreDaemonsets === false)
    return fail(
      s0,
      "cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): " +
        `${daemons.map((p) => `${p.metadata.namespace}/${p.metadata.name}`).join(", ")}`,
      ctx,
    );
  if (daemons.length > 0)
    say(
      ctx,
      "kubectl.output",
      "Warning: ignoring DaemonSet-managed Pods: " +
        `${daemons.map((p) => `${p.metadata.namespace}/${p.metadata.name}`).join(", ")}`,
    );
  const mirror = (p: Pod) => p.metadata.annotations?.["kubernetes.io/config.mirror"] !== undefined;
  const pods = items.filter((p) => !owned(p, "DaemonSet") && !mirror(p));
  const bare = pods.filter(
    (p) =>
      !p.metadata.ownerReferences.some((r) => r.controller) &&
      p.status.phase !== "Succeeded" &&
      p.status.phase !== "Failed",
  );
  if (bare.length > 0 && d.args.force !== true)
    return fail(
      s0,
      "cannot delete Pods that declare no controller (use --force to override): " +
        `${bare.map((p) => `${p.metadata.namespace}/${p.metadata.name}`).join(", ")}`,
      ctx,
    );
  const list: Record<string, DrainPod> = {};
  for (const p of [...pods].sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1)))
    list[p.metadata.name] = {
      name: p.metadata.name,
      namespace: p.metadata.namespace ?? "default",
      uid: p.metadata.uid,
      stage: "evicting",
    };
  let s: S = { ...s0, drain: { ...d, pods: list } };
  if (pods.length === 0) return drained(s, ctx);
  for (const name of Object.keys(list)) s = evict(s, name, send, ctx);
  return s;
}

function evict<S extends DrainHost>(s: S, name: string, send: Send<S>, ctx: Ctx): S {
  const p = s.drain!.pods[name]!;
  say(ctx, "drain.evicting", `evicting pod ${p.namespace}/${name}`, { pod: name, node: s.drain!.node });
  const body = { apiVersion: "policy/v1", kind: "Eviction", metadata: { name, namespace: p.namespace } };
  return send(
    setPod(s, name, "evicting"),
    apiCall("create", "pods", { namespace: p.namespace, name, subresource: "eviction", body }),
    `drain:evict:${name}`,
  );
}

function setPod<S extends DrainHost>(s: S, name: string, stage: DrainPod["stage"]): S {
  const d = s.drain!;
  return { ...s, drain: { ...d, pods: { ...d.pods, [name]: { ...d.pods[name]!, stage } } } };
}

function onEvicted<S extends DrainHost>(s: S, name: string, r: HttpResponse<unknown>, send: Send<S>, ctx: Ctx): S {
  const p = s.drain!.pods[name]!;
  if (r.status === 201 || r.status === 200)
    return send(
      setPod(s, name, "waiting"),
      apiCall("get", "pods", { namespace: p.namespace, name }),
      `drain:wait:${name}`,
    );
  if (r.status === 404) return gone(s, name, ctx);
  if (r.status === 429) {
    say(
      ctx,
      "drain.eviction-refused",
      `error when evicting pods/"${name}" -n "${p.namespace}" (will retry after 5s): ${r.error ?? "Too Many Requests"}`,
      { pod: name, node: s.drain!.node, status: 429 },
    );
    ctx.after(EVICTION_RETRY_MS, { t: "drain-retry", pod: name } satisfies DrainTimer);
    return setPod(s, name, "retrying");
  }
  return fail(s, `error when evicting pods/"${name}" -n "${p.namespace}": ${r.error ?? `HTTP ${r.status}`}`, ctx);
}

/** waitForDelete: done when the pod is gone or a pod of that name has another UID. */
function onWait<S extends DrainHost>(s: S, name: string, r: HttpResponse<unknown>, ctx: Ctx): S {
  const p = s.drain!.pods[name]!;
  if (r.status === 404 || (r.status === 200 && (r.body as Pod).metadata.uid !== p.uid)) return gone(s, name, ctx);
  ctx.after(DELETE_POLL_MS, { t: "drain-poll", pod: name } satisfies DrainTimer);
  return s;
}

function gone<S extends DrainHost>(s0: S, name: string, ctx: Ctx): S {
  say(ctx, "drain.pod-evicted", `pod/${name} evicted`, { pod: name, node: s0.drain!.node });
  const s = setPod(s0, name, "gone");
  return Object.values(s.drain!.pods).every((p) => p.stage === "gone") ? drained(s, ctx) : s;
}

function drained<S extends DrainHost>(s: S, ctx: Ctx): S {
  say(ctx, "drain.drained", `node/${s.drain!.node} drained`, { node: s.drain!.node });
  return { ...s, drain: { ...s.drain!, finished: true } };
}

export function onDrainTimer<S extends DrainHost>(s: S, timer: DrainTimer, send: Send<S>, ctx: Ctx): S {
  const d = s.drain;
  if (d === undefined || d.finished) return s;
  if (timer.t === "drain-timeout") {
    const pending = Object.values(d.pods).find((p) => p.stage !== "gone");
    const timeout = `${Number(d.args.timeoutSeconds)}s`;
    return fail(
      s,
      pending === undefined
        ? `global timeout reached: ${timeout}`
        : `error when evicting pods/"${pending.name}" -n "${pending.namespace}": global timeout reached: ${timeout}`,
      ctx,
    );
  }
  const p = d.pods[timer.pod];
  if (p === undefined) return s;
  if (timer.t === "drain-retry") return evict(s, timer.pod, send, ctx);
  return send(s, apiCall("get", "pods", { namespace: p.namespace, name: p.name }), `drain:wait:${p.name}`);
}

/**
 * `kubectl uncordon <node>` (`@drained`: the node this kubectl drained): PATCH spec.unschedulable=false (cordon.go
 * patches the changed field).
 */
export function startUncordon<S extends DrainHost>(s: S, c: Command, send: Send<S>, ctx: Ctx): S {
  const node = String(c.args.node) === "@drained" ? (s.drain?.node ?? "") : String(c.args.node);
  ctx.trace("kubectl.command", `$ kubectl uncordon ${node}`, { command: `kubectl uncordon ${node}`, node });
  return send(
    s,
    apiCall("patch", "nodes", { name: node, body: { spec: { unschedulable: false } } }),
    `uncordon:${node}`,
  );
}

export function onUncordonResponse(step: string, r: HttpResponse<unknown>, ctx: Ctx): void {
  const node = step.slice("uncordon:".length);
  if (r.status === 200) say(ctx, "drain.uncordoned", `node/${node} uncordoned`, { node });
  else say(ctx, "kubectl.error", `error: ${r.error ?? `HTTP ${r.status}`}`, { node });
}
