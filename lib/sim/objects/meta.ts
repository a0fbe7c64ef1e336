// What every stored object shares (apimachinery's meta/v1: TypeMeta, ObjectMeta, owner references, conditions) and
// IntOrString. The engine's objects are reduced to the fields its controllers read; timestamps are virtual
// milliseconds. (lib/sim/manifests holds the full, user-facing schemas that parse real YAML into these
// already-defaulted shapes.)
import type { Ms } from "../core/units";

/**
 * blockOwnerDeletion (absent: false): under foreground deletion the owner stays until this dependent
 * is gone (staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/types.go: OwnerReference). apiVersion is
 * kept from manifests; the engine's own controllers leave it out, as each of its owner kinds has one group.
 */
export type OwnerRef = {
  apiVersion?: string;
  kind: string;
  name: string;
  uid: string;
  controller: boolean;
  blockOwnerDeletion?: boolean;
};

export type ObjectMeta = {
  name: string;
  namespace: string | null;
  uid: string;
  resourceVersion: string;
  creationTimestamp: Ms;
  labels: Record<string, string>;
  ownerReferences: OwnerRef[];
  /** Set by a graceful delete; the object stays (Terminating) until its owner confirms. */
  deletionTimestamp: Ms | null;
  /** e.g. deployment.kubernetes.io/revision on ReplicaSets; absent when there are none. */
  annotations?: Record<string, string>;
  /**
   * metadata.finalizers (absent: none). A delete of an object that has some only sets
   * deletionTimestamp; the object goes when the last one is removed
   * (staging/src/k8s.io/apiserver/pkg/registry/generic/registry/store.go: Delete, shouldDeleteDuringUpdate).
   */
  finalizers?: string[];
};

/**
 * What every built-in object starts with: its TypeMeta (kind, apiVersion) and its ObjectMeta, which each object
 * type embeds upstream (staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/types.go: TypeMeta, ObjectMeta).
 */
export type ApiObject<Kind extends string, ApiVersion extends string> = {
  kind: Kind;
  apiVersion: ApiVersion;
  metadata: ObjectMeta;
};

/**
 * The metadata a client sends with a create: the API server fills uid and resourceVersion. `owner`, when
 * given, is the controller owner (a controller's objects; controller_utils.go: NewControllerRef).
 */
export function newObjectMeta(
  name: string,
  namespace: string | null,
  labels: Record<string, string>,
  now: Ms,
  owner: Omit<OwnerRef, "controller"> | null = null,
): ObjectMeta {
  return {
    name,
    namespace,
    uid: "",
    resourceVersion: "",
    creationTimestamp: now,
    labels,
    ownerReferences: owner === null ? [] : [{ ...owner, controller: true }],
    deletionTimestamp: null,
  };
}

export type ConditionStatus = "True" | "False" | "Unknown";
export type Condition = { type: string; status: ConditionStatus; reason: string; lastTransitionTime: Ms };

/** An absolute count or a percentage such as "25%". */
export type IntOrPercent = number | string;
