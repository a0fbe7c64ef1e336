// What each controller needs back with the answer to one of its writes, as typed data: the HTTP
// client carries it with the request (its tag) and hands it to the controller's result handler.
// Strings remain only for the client libraries' own requests (leader election, informers).
import type { CronJob } from "../../objects/batch";
import type { LibraryTag } from "../../client/library-tag";

export type DeploymentRequest =
  | { c: "dep"; op: "scale"; key: string; d: string; from: number; to: number }
  | { c: "dep"; op: "create"; key: string; d: string; to: number; revision: number }
  | { c: "dep"; op: "revision"; key: string; d: string; from: number; revision: number }
  | { c: "dep"; op: "delete"; key: string; d: string; revision: number; limit: number }
  | { c: "dep"; op: "deadline"; key: string; d: string; rs: string; since: number; deadline: number };

/** `key`: the expectation the write stands for (`ns/name`, with `~` for a delete). */
export type ReplicaSetRequest =
  | { c: "rs"; op: "pod-create"; uid: string; key: string; rs: string; wanted: number; batch: number; size: number }
  | { c: "rs"; op: "pod-delete"; uid: string; key: string; rs: string; wanted: number; reason: string };

export type StatefulSetRequest =
  | { c: "sts"; op: "pvc"; key: string; sts: string; pod: string }
  | {
      c: "sts";
      op: "create";
      key: string;
      sts: string;
      ordinal: number;
      policy: string;
      claims: string[];
      revision: string;
    }
  | { c: "sts"; op: "delete"; key: string; sts: string; ordinal: number; why: "scale-down" | "update" };

export type JobRequest =
  | { c: "job"; op: "create"; key: string; job: string; why: string; index: number }
  | { c: "job"; op: "delete" | "ttl" | "gc"; key: string; job: string; why: string }
  | {
      c: "job";
      op: "status";
      key: string;
      job: string;
      note: string;
      conditions: string[];
      reason: string;
      succeeded: number;
      failed: number;
    };

export type CronJobRequest =
  | {
      c: "cron";
      op: "create";
      key: string;
      cronjob: string;
      job: string;
      scheduledAt: number;
      policy: string;
      status: CronJob["status"];
    }
  | { c: "cron"; op: "status"; key: string; cronjob: string }
  | { c: "cron"; op: "delete"; key: string; cronjob: string; job: string; why: string };

export type NodeLifecycleRequest =
  | { c: "nlc"; what: "unknown"; name: string; silentMs: number }
  | { c: "nlc"; what: "pod-not-ready"; name: string; node: string }
  | { c: "nlc"; what: "taint" | "untaint" | "cordon-taint" | "uncordon-untaint"; name: string };

export type KcmRequest =
  | DeploymentRequest
  | ReplicaSetRequest
  | StatefulSetRequest
  | JobRequest
  | CronJobRequest
  | NodeLifecycleRequest
  | { c: "eps"; key: string; svc: string; headless: boolean }
  | { c: "gc"; key: string; op: string; kind: string; name: string; owner: string; detail: string }
  | { c: "pdb"; namespace: string; name: string }
  | { c: "evict"; pod: string }
  | { c: "hpa"; key: string; from: number; to: number; reason: string };

/** A controller-manager request's tag: a controller's typed context, or a client library's string. */
export type KcmTag = KcmRequest | LibraryTag;
