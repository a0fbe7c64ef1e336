// The statefulset controller (pkg/controller/statefulset/stateful_set_control.go): pods <sts>-<i>
// for ordinals 0..replicas-1 with stable hostnames under the governing headless Service, one PVC
// <template>-<sts>-<i> per volumeClaimTemplate (created before the pod, retained on scale-down).
// OrderedReady creates one pod at a time, each after its predecessors are Running and Ready, and
// deletes from the highest ordinal down, each after its successor is gone; Parallel does both at
// once. RollingUpdate replaces outdated pods from the highest ordinal down to the partition, one at a
// time and only while every pod is Running and Ready (nextPodToUpdate); each pod carries its
// revision in the controller-revision-hash label. A pod object that still
// exists (e.g. Terminating on an unreachable node) is never replaced. Not modelled: ControllerRevisions,
// so a pod below the partition that is re-created after a template change gets the new template here,
// where upstream re-creates it at status.currentRevision.
import type { Ctx } from "../../core/component";
import { apiCall } from "../../apiserver/http";
import { isTerminating, podReady } from "../../objects/helpers";
import type { StatefulSet } from "../../objects/apps";
import type { PersistentVolumeClaim, Pod } from "../../objects/core";
import { expect, fulfil, issue, objects, ownedBy } from "./kcm-api";
import { templateHash } from "./naming";
import type { StatefulSetRequest } from "./requests";
import type { KcmConfig, KcmState } from "./types";
import { newObjectMeta } from "../../objects/meta";

const REVISION_LABEL = "controller-revision-hash";

function healthy(p: Pod): boolean {
  return p.status.phase === "Running" && podReady(p) && !isTerminating(p);
}

function ordinalOf(sts: StatefulSet, p: Pod): number {
  const rest = p.metadata.name.slice(sts.metadata.name.length + 1);
  return /^\d+$/.test(rest) && p.metadata.name.startsWith(`${sts.metadata.name}-`) ? Number(rest) : -1;
}

/** The controller-revision-hash label of pods built from the current template. */
export function revisionOf(sts: StatefulSet): string {
  return `${sts.metadata.name}-${templateHash(sts.spec.template)}`;
}

function claimName(tpl: string, sts: StatefulSet, i: number): string {
  return `${tpl}-${sts.metadata.name}-${i}`;
}

function createPod(
  s0: KcmState,
  cfg: KcmConfig,
  sts: StatefulSet,
  i: number,
  claims: readonly PersistentVolumeClaim[],
  ctx: Ctx,
): KcmState {
  let s = s0;
  const ns = sts.metadata.namespace ?? "default";
  const name = `${sts.metadata.name}-${i}`;
  const owner = { kind: "StatefulSet", name: sts.metadata.name, uid: sts.metadata.uid };
  const names: string[] = [];
  for (const t of sts.spec.volumeClaimTemplates) {
    const pvc = claimName(t.name, sts, i);
    names.push(pvc);
    if (claims.some((c) => c.metadata.name === pvc) || s.pendingWrites[`pvc:${ns}/${pvc}`] !== undefined) continue;
    // The claim carries no owner: with the default Retain policy it outlives the pod and the StatefulSet.
    const body: PersistentVolumeClaim = {
      kind: "PersistentVolumeClaim",
      apiVersion: "v1",
      metadata: newObjectMeta(pvc, ns, sts.spec.selector, ctx.now),
      spec: { storage: t.storage, accessModes: ["ReadWriteOnce"] },
      status: { phase: "Bound" },
    };
    s = expect(
      issue(
        s,
        cfg,
        apiCall("create", "persistentvolumeclaims", { namespace: ns, body }),
        { c: "sts", op: "pvc", key: `pvc:${ns}/${pvc}`, sts: sts.metadata.name, pod: name },
        ctx,
      ),
      `pvc:${ns}/${pvc}`,
      "exists",
    );
  }
  const labels = {
    ...sts.spec.template.labels,
    "statefulset.kubernetes.io/pod-name": name,
    "apps.kubernetes.io/pod-index": String(i),
    [REVISION_LABEL]: revisionOf(sts),
  };
  const body: Pod = {
    kind: "Pod",
    apiVersion: "v1",
    metadata: {
      ...newObjectMeta(name, ns, labels, ctx.now, owner),
      // newVersionedStatefulSetPod starts from GetPodFromTemplate, which copies the template's annotations.
      ...(sts.spec.template.annotations === undefined ? {} : { annotations: { ...sts.spec.template.annotations } }),
    },
    spec: { ...sts.spec.template.spec, nodeName: null, hostname: name, subdomain: sts.spec.serviceName, claims: names },
    status: { phase: "Pending", conditions: [], podIP: null },
  };
  const tag: StatefulSetRequest = {
    c: "sts",
    op: "create",
    key: `pod:${ns}/${name}`,
    sts: sts.metadata.name,
    ordinal: i,
    policy: sts.spec.podManagementPolicy,
    claims: names,
    revision: revisionOf(sts),
  };
  return expect(
    issue(s, cfg, apiCall("create", "pods", { namespace: ns, body }), tag, ctx),
    `pod:${ns}/${name}`,
    "exists",
  );
}

function deletePod(
  s: KcmState,
  cfg: KcmConfig,
  sts: StatefulSet,
  p: Pod,
  why: "scale-down" | "update",
  ctx: Ctx,
): KcmState {
  const key = `pod:${p.metadata.namespace}/${p.metadata.name}`;
  const tag: StatefulSetRequest = {
    c: "sts",
    op: "delete",
    key,
    sts: sts.metadata.name,
    ordinal: ordinalOf(sts, p),
    why,
  };
  return expect(
    issue(s, cfg, apiCall("delete", "pods", { namespace: p.metadata.namespace, name: p.metadata.name }), tag, ctx),
    key,
    "terminating",
  );
}

function shown(pods: Map<string, Pod>, claims: Set<string>, key: string, want: string): boolean {
  if (key.startsWith("pvc:")) return claims.has(key);
  const p = pods.get(key);
  return want === "exists" ? p !== undefined : p === undefined || isTerminating(p);
}

function syncStatefulSet(
  s0: KcmState,
  cfg: KcmConfig,
  sts: StatefulSet,
  all: readonly Pod[],
  claims: readonly PersistentVolumeClaim[],
  ctx: Ctx,
): KcmState {
  let s = s0;
  const ns = sts.metadata.namespace ?? "default";
  const mine = ownedBy(all, sts.metadata.uid).filter((p) => ordinalOf(sts, p) >= 0);
  const pending = Object.keys(s.pendingWrites).filter(
    (key) => key.startsWith(`pod:${ns}/${sts.metadata.name}-`) || key.startsWith("pvc:"),
  );
  if (pending.length > 0) {
    const byKey = new Map(all.map((p) => [`pod:${p.metadata.namespace}/${p.metadata.name}`, p]));
    const claimKeys = new Set(claims.map((c) => `pvc:${c.metadata.namespace}/${c.metadata.name}`));
    for (const key of pending) {
      if (!shown(byKey, claimKeys, key, s.pendingWrites[key]!)) return s; // wait until our last write shows
      s = fulfil(s, key);
    }
  }
  const ordered = sts.spec.podManagementPolicy === "OrderedReady";
  const at = (i: number) => mine.find((p) => ordinalOf(sts, p) === i);
  for (let i = 0; i < sts.spec.replicas; i++) {
    const p = at(i);
    if (p === undefined) {
      s = createPod(s, cfg, sts, i, claims, ctx);
      if (ordered) return s;
      continue;
    }
    if (ordered && !healthy(p)) return s; // pod i must be Running and Ready before i+1 starts
  }
  const condemned = mine
    .filter((p) => ordinalOf(sts, p) >= sts.spec.replicas)
    .sort((a, b) => ordinalOf(sts, b) - ordinalOf(sts, a));
  for (const p of condemned) {
    if (isTerminating(p)) {
      if (ordered) return s; // each waits until its successor is completely gone
      continue;
    }
    s = deletePod(s, cfg, sts, p, "scale-down", ctx);
    if (ordered) return s;
  }
  if (condemned.length > 0) return s;
  const outdated = nextPodToUpdate(sts, mine);
  return outdated === null ? s : deletePod(s, cfg, sts, outdated, "update", ctx);
}

/** rollingUpdate.maxUnavailable: 1 by default, and no scenario sets it. */
const MAX_UNAVAILABLE = 1;

/**
 * The pod a RollingUpdate deletes next, or null (updateStatefulSetAfterInvariantEstablished, the
 * path of the MaxUnavailableStatefulSet gate, on by default since v1.35). Health comes before
 * revision: every ordinal in [0, replicas) that is missing, terminating or not Running and Ready
 * counts as unavailable, and only with fewer than maxUnavailable of them may the highest outdated,
 * non-terminating ordinal at or above the partition go. So with the default of 1 each replaced pod
 * must be back, Running and Ready before the next goes, in either podManagementPolicy. Pure.
 */
export function nextPodToUpdate(sts: StatefulSet, pods: readonly Pod[]): Pod | null {
  if (sts.spec.updateStrategy.type !== "RollingUpdate") return null;
  const at = (i: number) => pods.find((p) => ordinalOf(sts, p) === i);
  let unavailable = 0;
  for (let i = 0; i < sts.spec.replicas; i++) {
    const p = at(i);
    if (p === undefined || !healthy(p)) unavailable++;
  }
  if (unavailable >= MAX_UNAVAILABLE) return null;
  const rev = revisionOf(sts);
  for (let i = sts.spec.replicas - 1; i >= sts.spec.updateStrategy.partition; i--) {
    const p = at(i);
    if (p !== undefined && p.metadata.labels[REVISION_LABEL] !== rev && !isTerminating(p)) return p;
  }
  return null;
}

export function reconcileStatefulSets(s0: KcmState, cfg: KcmConfig, ctx: Ctx): KcmState {
  let s = s0;
  const pods = objects<Pod>(s, "pods", "Pod");
  const claims = objects<PersistentVolumeClaim>(s, "persistentvolumeclaims", "PersistentVolumeClaim");
  for (const sts of objects<StatefulSet>(s, "statefulsets", "StatefulSet"))
    s = syncStatefulSet(s, cfg, sts, pods, claims, ctx);
  return s;
}

export function onStatefulSetResult(s: KcmState, status: number, d: StatefulSetRequest, ctx: Ctx): KcmState {
  const key = d.key;
  if (!(status === 200 || status === 201)) return fulfil(s, key);
  const name = key.slice(key.indexOf("/") + 1);
  if (d.op === "pvc") {
    ctx.trace(
      "pvc.created",
      `statefulset-controller created PersistentVolumeClaim ${name} ` +
        `for ${d.pod} from a volumeClaimTemplate of ${d.sts}.`,
      { pvc: name, statefulset: d.sts, pod: d.pod },
    );
  } else if (d.op === "create") {
    const wait =
      d.policy === "OrderedReady" && d.ordinal > 0
        ? ` after ${d.sts}-${d.ordinal - 1} became Running and Ready (OrderedReady)`
        : "";
    ctx.trace(
      "statefulset.pod-created",
      `statefulset-controller created pod ${name} (ordinal ${d.ordinal}, revision ` +
        `${d.revision})${wait}${d.claims.length > 0 ? `, mounting ${d.claims.join(", ")}` : ""}.`,
      { pod: name, statefulset: d.sts, ordinal: d.ordinal, revision: d.revision },
    );
  } else {
    const why =
      d.why === "update"
        ? "to replace it with the updated template (RollingUpdate, highest ordinal first)"
        : "because it is above the desired replicas (highest ordinal first)";
    ctx.trace("statefulset.pod-deleted", `statefulset-controller deleted pod ${name} ${why}.`, {
      pod: name,
      statefulset: d.sts,
      ordinal: d.ordinal,
      reason: d.why,
    });
  }
  return s;
}
