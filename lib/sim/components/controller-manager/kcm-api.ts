// Small helpers the controllers share: reading an informer's objects, issuing a write, and the
// "expectation" records that stop a controller from repeating a write its informer has not shown yet.
import type { Ctx } from "../../core/component";
import { withEntry, without } from "../../core/records";
import { httpSend } from "../../client/http-client";
import { podReady, isTerminating } from "../../objects/helpers";
import type { KubeObject, ObjectMeta, Pod } from "../../objects/types";
import type { KcmConfig, KcmState } from "./types";

// Sorted views of an informer's store, memoized by the store object: a store is never mutated (each
// change makes a new one), so every controller in a reconcile reads the same sorted array. Not world state.
const sorted = new WeakMap<object, readonly KubeObject[]>();

/** The informer's objects of `kind`, sorted by name (the order controllers walk them in). Do not mutate. */
export function objects<T extends KubeObject>(s: KcmState, informer: string, kind: T["kind"]): T[] {
  const inf = s.informers[informer];
  if (inf === undefined) return [];
  let list = sorted.get(inf.objects);
  if (list === undefined) {
    list = Object.values(inf.objects).sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));
    sorted.set(inf.objects, list);
  }
  return list.filter((o) => o.kind === kind) as T[];
}

export function issue(s: KcmState, cfg: KcmConfig, call: Parameters<typeof httpSend>[2], tag: string, ctx: Ctx): KcmState {
  return { ...s, http: httpSend(s.http, cfg.api, call, tag, null, ctx).hc };
}

export function ownedBy<T extends KubeObject>(items: readonly T[], uid: string): T[] {
  return items.filter((o) => o.metadata.ownerReferences.some((r) => r.controller && r.uid === uid));
}

export function activePods(pods: readonly Pod[], ownerUid: string): Pod[] {
  return ownedBy(pods, ownerUid).filter((p) => !isTerminating(p));
}

/** Pods that count as available (Ready; minReadySeconds is 0 in every scenario). */
export function availableCount(pods: readonly Pod[], ownerUid: string): number {
  return activePods(pods, ownerUid).filter(podReady).length;
}

export function newMeta(name: string, namespace: string, labels: Record<string, string>, owner: { kind: string; name: string; uid: string } | null, now: number): ObjectMeta {
  return { name, namespace, uid: "", resourceVersion: "", creationTimestamp: now, labels, ownerReferences: owner === null ? [] : [{ ...owner, controller: true }], deletionTimestamp: null };
}

/** Records that `key` waits for the informer to show `expect` (a description checked by the caller). */
export function expect(s: KcmState, key: string, value: string): KcmState {
  return { ...s, pendingWrites: withEntry(s.pendingWrites, key, value) };
}

export function fulfil(s: KcmState, key: string): KcmState {
  return { ...s, pendingWrites: without(s.pendingWrites, key) };
}
