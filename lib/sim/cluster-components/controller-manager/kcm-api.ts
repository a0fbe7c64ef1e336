// Small helpers the controllers share: reading an informer's objects, issuing a write, and the
// "expectation" records that stop a controller from repeating a write its informer has not shown yet.
import type { Ctx } from "../../core/component";
import { withEntry, without } from "../../core/records";
import { httpSend } from "../../client/http-client";
import { podReady, isTerminating } from "../../objects/helpers";
import type { Pod } from "../../objects/core";
import type { KubeObject } from "../../objects/kube-object";
import type { KcmRequest } from "./requests";
import type { KcmConfig, KcmState } from "./types";

// Sorted views of an informer's store per kind, memoized by the store object: a store is never
// mutated (each change makes a new one), so every controller in a reconcile reads the same sorted
// array, and the owner index below can be memoized on that array. Not world state.
const sorted = new WeakMap<object, Map<string, readonly KubeObject[]>>();
const owners = new WeakMap<readonly KubeObject[], Map<string, KubeObject[]>>();

/** The informer's objects of `kind`, sorted by name (the order controllers walk them in). Shared: never mutate. */
export function objects<T extends KubeObject>(s: KcmState, informer: string, kind: T["kind"]): readonly T[] {
  const inf = s.informers[informer];
  if (inf === undefined) return [];
  let byKind = sorted.get(inf.objects);
  if (byKind === undefined) {
    byKind = new Map();
    sorted.set(inf.objects, byKind);
  }
  let list = byKind.get(kind);
  if (list === undefined) {
    list = Object.values(inf.objects)
      .filter((o) => o.kind === kind)
      .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));
    byKind.set(kind, list);
  }
  return list as readonly T[];
}

export function issue(
  s: KcmState,
  cfg: KcmConfig,
  call: Parameters<typeof httpSend>[2],
  tag: KcmRequest,
  ctx: Ctx,
): KcmState {
  return { ...s, http: httpSend(s.http, cfg.api, call, tag, null, ctx).hc };
}

/** The items whose controller is `uid`, in the items' order (indexed once per items array). */
export function ownedBy<T extends KubeObject>(items: readonly T[], uid: string): readonly T[] {
  let index = owners.get(items);
  if (index === undefined) {
    index = new Map();
    for (const o of items) {
      for (const r of o.metadata.ownerReferences) {
        if (!r.controller) continue;
        const list = index.get(r.uid);
        if (list === undefined) index.set(r.uid, [o]);
        else list.push(o);
      }
    }
    owners.set(items, index);
  }
  return (index.get(uid) ?? []) as readonly KubeObject[] as readonly T[];
}

// Per pods array (itself memoized per store, see objects) and owner: its active pods and how many are
// available. One reconcile asks several times per owner (the deployment controller's sync and progress
// check, the ReplicaSet controller). Not world state.
const owned = new WeakMap<readonly Pod[], Map<string, { active: readonly Pod[]; available: number }>>();

function ownerCounts(pods: readonly Pod[], ownerUid: string): { active: readonly Pod[]; available: number } {
  let byOwner = owned.get(pods);
  if (byOwner === undefined) owned.set(pods, (byOwner = new Map()));
  let entry = byOwner.get(ownerUid);
  if (entry === undefined) {
    const active = ownedBy(pods, ownerUid).filter((p) => !isTerminating(p));
    entry = { active, available: active.filter(podReady).length };
    byOwner.set(ownerUid, entry);
  }
  return entry;
}

/** The owner's pods that are not terminating. Shared: never mutate. */
export function activePods(pods: readonly Pod[], ownerUid: string): readonly Pod[] {
  return ownerCounts(pods, ownerUid).active;
}

/** Pods that count as available (Ready; minReadySeconds is 0 in every scenario). */
export function availableCount(pods: readonly Pod[], ownerUid: string): number {
  return ownerCounts(pods, ownerUid).available;
}

/** Records that `key` waits for the informer to show `expect` (a description checked by the caller). */
export function expect(s: KcmState, key: string, value: string): KcmState {
  return { ...s, pendingWrites: withEntry(s.pendingWrites, key, value) };
}

export function fulfil(s: KcmState, key: string): KcmState {
  return { ...s, pendingWrites: without(s.pendingWrites, key) };
}
