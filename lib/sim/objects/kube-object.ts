// Any object the engine stores in etcd: the union of every kind in lib/sim/objects.
import type { CustomResourceDefinition, WebApp } from "./apiextensions";
import type { Deployment, ReplicaSet, StatefulSet } from "./apps";
import type { HorizontalPodAutoscaler } from "./autoscaling";
import type { CronJob, Job } from "./batch";
import type { Lease } from "./coordination";
import type { Node, PersistentVolumeClaim, Pod, Service } from "./core";
import type { EndpointSlice } from "./discovery";
import type { NetworkPolicy } from "./networking";
import type { PodDisruptionBudget } from "./policy";

export type KubeObject =
  | Pod
  | Node
  | Lease
  | Deployment
  | ReplicaSet
  | StatefulSet
  | Service
  | EndpointSlice
  | PersistentVolumeClaim
  | PodDisruptionBudget
  | Job
  | CronJob
  | HorizontalPodAutoscaler
  | NetworkPolicy
  | CustomResourceDefinition
  | WebApp;
