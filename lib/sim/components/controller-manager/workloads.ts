// The deployment and replicaset controllers, minimal but with the upstream shape: a Deployment owns
// a ReplicaSet named <deployment>-<pod-template-hash>; a ReplicaSet keeps `replicas` pods that are
// not terminating, creating <replicaset>-<5 random> pods and deleting extras (unscheduled, then
// not-ready, then newest first). Expectations stop it from acting twice on a stale informer.
import type { Ctx } from "../../core/component";
import { apiCall } from "../../apiserver/http";
import { httpSend, type HttpResult } from "../../client/http-client";
import { isTerminating, podReady } from "../../objects/helpers";
import type { Deployment, Pod, ReplicaSet } from "../../objects/types";
import { randomSuffix, templateHash } from "./naming";
import type { KcmConfig, KcmState } from "./types";
import { copyRecord, withEntry } from "../../core/records";

const EXPECTATION_TTL_MS = 5 * 60_000;

function objects<T>(s: KcmState, informer: string, kind: string): T[] {
  const inf = s.informers[informer];
  return inf === undefined ? [] : (Object.values(inf.objects).filter((o) => o.kind === kind) as T[]);
}

function meta(name: string, namespace: string, labels: Record<string, string>, owner: { kind: string; name: string; uid: string }, now: number) {
  return { name, namespace, uid: "", resourceVersion: "", creationTimestamp: now, labels, ownerReferences: [{ ...owner, controller: true }], deletionTimestamp: null };
}

function send(s: KcmState, cfg: KcmConfig, call: Parameters<typeof httpSend>[2], tag: string, busyKey: string, ctx: Ctx): KcmState {
  return { ...s, http: httpSend(s.http, cfg.api, call, tag, null, ctx).hc, busy: withEntry(s.busy, busyKey, "sent") };
}

function release(s: KcmState, key: string): KcmState {
  const busy = copyRecord(s.busy);
  delete busy[key];
  return { ...s, busy };
}

export function reconcileDeployments(s0: KcmState, cfg: KcmConfig, ctx: Ctx): KcmState {
  let s = s0;
  const sets = objects<ReplicaSet>(s, "replicasets", "ReplicaSet");
  for (const d of objects<Deployment>(s, "deployments", "Deployment").sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1))) {
    const hash = templateHash(d.spec.template);
    const name = `${d.metadata.name}-${hash}`;
    const ns = d.metadata.namespace ?? "default";
    const key = `rs:${ns}/${name}`;
    const rs = sets.find((r) => r.metadata.name === name && r.metadata.namespace === ns);
    if (s.busy[key]) {
      // A write succeeded but the informer has not shown it yet: wait for it rather than repeat it.
      if (s.busy[key] === "done" && rs !== undefined && rs.spec.replicas === d.spec.replicas) s = release(s, key);
      else continue;
    }
    if (rs === undefined) {
      const labels = { ...d.spec.template.labels, "pod-template-hash": hash };
      const body: ReplicaSet = {
        kind: "ReplicaSet",
        apiVersion: "apps/v1",
        metadata: meta(name, ns, labels, { kind: "Deployment", name: d.metadata.name, uid: d.metadata.uid }, ctx.now),
        spec: { replicas: d.spec.replicas, selector: { ...d.spec.selector, "pod-template-hash": hash }, template: { ...d.spec.template, labels } },
        status: { replicas: 0, readyReplicas: 0 },
      };
      s = send(s, cfg, apiCall("create", "replicasets", { namespace: ns, body }), `rs-create|${key}|${d.metadata.name}|${d.spec.replicas}`, key, ctx);
    } else if (rs.spec.replicas !== d.spec.replicas) {
      const call = apiCall("patch", "replicasets", { namespace: ns, name, body: { spec: { replicas: d.spec.replicas } } });
      s = send(s, cfg, call, `rs-scale|${key}|${rs.spec.replicas}|${d.spec.replicas}`, key, ctx);
    }
  }
  return s;
}

function owned(pods: Pod[], rs: ReplicaSet): Pod[] {
  return pods.filter((p) => p.metadata.ownerReferences.some((o) => o.controller && o.uid === rs.metadata.uid));
}

/** getPodsToDelete / ActivePodsWithRanks: unscheduled first, then not ready, then the newest. */
function deletionOrder(a: Pod, b: Pod): number {
  const rank = (p: Pod) => [p.spec.nodeName === null ? 0 : 1, podReady(p) ? 1 : 0, -p.metadata.creationTimestamp];
  const ra = rank(a);
  const rb = rank(b);
  for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return ra[i]! - rb[i]!;
  return a.metadata.name < b.metadata.name ? -1 : 1;
}

export function reconcileReplicaSets(s0: KcmState, cfg: KcmConfig, ctx: Ctx): KcmState {
  let s = s0;
  const pods = objects<Pod>(s, "pods", "Pod");
  // Every pod's name, plus name~ for terminating ones: a create is observed once the name exists, a
  // delete once the pod is terminating or gone.
  const names = new Set<string>();
  for (const p of pods) {
    names.add(`${p.metadata.namespace}/${p.metadata.name}`);
    if (isTerminating(p)) names.add(`${p.metadata.namespace}/${p.metadata.name}~`);
  }
  const pending = (n: string) => (n.endsWith("~") ? names.has(n.slice(0, -1)) && !names.has(n) : !names.has(n));
  for (const rs of objects<ReplicaSet>(s, "replicasets", "ReplicaSet").sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1))) {
    const ns = rs.metadata.namespace ?? "default";
    const exp = s.expectations[rs.metadata.uid];
    if (exp !== undefined) {
      const left = exp.names.filter(pending);
      if (left.length > 0 && ctx.now - exp.at < EXPECTATION_TTL_MS) {
        if (left.length !== exp.names.length) s = { ...s, expectations: withEntry(s.expectations, rs.metadata.uid, { ...exp, names: left }) };
        continue;
      }
      const expectations = copyRecord(s.expectations);
      delete expectations[rs.metadata.uid];
      s = { ...s, expectations };
    }
    const active = owned(pods, rs).filter((p) => !isTerminating(p));
    const diff = rs.spec.replicas - active.length;
    const expected: string[] = [];
    for (let i = 0; i < diff; i++) {
      const name = `${rs.metadata.name}-${randomSuffix(ctx.rng)}`;
      const body: Pod = {
        kind: "Pod",
        apiVersion: "v1",
        metadata: meta(name, ns, rs.spec.template.labels, { kind: "ReplicaSet", name: rs.metadata.name, uid: rs.metadata.uid }, ctx.now),
        spec: { ...rs.spec.template.spec, nodeName: null },
        status: { phase: "Pending", conditions: [], podIP: null },
      };
      const tag = `pod-create|${rs.metadata.uid}|${ns}/${name}|${rs.metadata.name}|${rs.spec.replicas}|${active.length}`;
      s = { ...s, http: httpSend(s.http, cfg.api, apiCall("create", "pods", { namespace: ns, body }), tag, null, ctx).hc };
      expected.push(`${ns}/${name}`);
    }
    for (const p of diff < 0 ? [...active].sort(deletionOrder).slice(0, -diff) : []) {
      const call = apiCall("delete", "pods", { namespace: ns, name: p.metadata.name });
      s = { ...s, http: httpSend(s.http, cfg.api, call, `pod-delete|${rs.metadata.uid}|${ns}/${p.metadata.name}~`, null, ctx).hc };
      expected.push(`${ns}/${p.metadata.name}~`);
    }
    if (expected.length > 0) s = { ...s, expectations: withEntry(s.expectations, rs.metadata.uid, { names: expected, at: ctx.now }) };
  }
  return s;
}

/** Traces for workload writes; failed creates and deletes are forgotten by their expectations. */
export function onWorkloadResult(s: KcmState, r: HttpResult & { kind: "response" }, ctx: Ctx): KcmState {
  const [op = "", key = "", a = "", b = "", c = ""] = r.tag.split("|");
  const ok = r.status === 200 || r.status === 201;
  const name = (r.body as { metadata?: { name?: string } } | null)?.metadata?.name ?? "";
  if (op === "rs-create" || op === "rs-scale") {
    if (op === "rs-create" && ok) {
      ctx.trace("replicaset.created", `deployment-controller created ReplicaSet ${name} for Deployment ${a} and scaled it up to ${b}.`, { replicaset: name, replicas: Number(b) });
    } else if (ok) {
      const verb = Number(b) > Number(a) ? "up" : "down";
      ctx.trace("replicaset.scaled", `deployment-controller scaled ${verb} ReplicaSet ${name} from ${a} to ${b}.`, { replicaset: name, replicas: Number(b) });
    }
    return ok ? { ...s, busy: withEntry(s.busy, key, "done") } : release(s, key);
  }
  if (op === "pod-create" && ok) {
    ctx.trace("pod.created", `replicaset-controller created pod ${name} for ReplicaSet ${b} (${c} wanted, ${r.tag.split("|")[5]} active before).`, { pod: name, replicaset: b });
    return s;
  }
  if ((op === "pod-create" || op === "pod-delete") && !ok) {
    const exp = s.expectations[key];
    if (exp === undefined) return s;
    return { ...s, expectations: withEntry(s.expectations, key, { ...exp, names: exp.names.filter((n) => n !== a) }) };
  }
  return s;
}
