// Scenario: a Deployment `web` and a StatefulSet `db` (with its headless Service and a
// volumeClaimTemplate) side by side: create `replicas`, scale up, scale down, delete one pod of
// each, change the image. Names, order, storage and DNS identity differ in every step (k8s-facts §6).
// `partition` sets the StatefulSet's rollingUpdate.partition: the image change stops at that ordinal.
import { statefulSetClaims } from "./deployment-vs-statefulset-claims";
import { deploymentClaims } from "./deployment-vs-statefulset-deployment-claims";
import { plan } from "./deployment-vs-statefulset-plan";
import type { ScenarioDef } from "./types";

export const deploymentVsStatefulset: ScenarioDef = {
  id: "deployment-vs-statefulset",
  title: "Deployment vs StatefulSet",
  summary:
    "Create, scale up, scale down, delete a pod and change the image of a Deployment and a StatefulSet side by side.",
  params: [
    {
      name: "replicas",
      type: "integer",
      label: "Replicas",
      description: "Initial replicas of both.",
      default: 3,
      min: 1,
      max: 6,
    },
    {
      name: "scaleUpTo",
      type: "integer",
      label: "Scale up to",
      description: "Replicas after the first kubectl scale.",
      default: 5,
      min: 1,
      max: 8,
    },
    {
      name: "scaleDownTo",
      type: "integer",
      label: "Scale down to",
      description: "Replicas after the second kubectl scale.",
      default: 2,
      min: 0,
      max: 8,
    },
    {
      name: "partition",
      type: "integer",
      label: "Update partition",
      description:
        "The StatefulSet's `updateStrategy.rollingUpdate.partition`: " +
        "the image change replaces only ordinals at or above it.",
      default: 0,
      min: 0,
      max: 8,
    },
    {
      name: "parallel",
      type: "boolean",
      label: "Parallel pod management",
      description: "On: the StatefulSet has `podManagementPolicy: Parallel`. Off: `OrderedReady`, the default.",
      default: false,
    },
  ],
  plan,
  claims: (p, events) => [...statefulSetClaims(p, events), ...deploymentClaims(p, events)],
};
