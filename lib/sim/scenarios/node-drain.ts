// Scenario: the worker step of a kubeadm upgrade. The control plane already runs v1.35 and the
// workers' kubelets v1.32 (three minors older: the oldest the version-skew policy allows). The
// operator drains the worker running the most pods of a Deployment that a PodDisruptionBudget
// protects: `kubectl drain` cordons it, then evicts its pods through the Eviction API; the API server
// grants an eviction only while the budget's status (kept by the disruption controller) allows a
// disruption and answers 429 otherwise, which kubectl retries every 5 s until a replacement is Ready
// elsewhere. Then the kubelet package is upgraded and the kubelet restarted, and `kubectl uncordon`
// makes the node schedulable again (k8s-facts; kubectl/pkg/drain, pkg/registry/core/pod/storage/eviction.go,
// pkg/controller/disruption).
import { API_SERVER_VERSION } from "../cluster/version-skew";
import { nodeDrainClaims } from "./node-drain-claims";
import { OLD_KUBELET, plan } from "./node-drain-plan";
import { optionsOf, type ScenarioDef } from "./types";

export const nodeDrain: ScenarioDef = {
  id: "node-drain",
  title: "Drain a node for a kubelet upgrade",
  summary:
    "`kubectl drain` cordons a worker and evicts its pods through the Eviction API: a PodDisruptionBudget " +
    "makes evictions wait (429) for replacements; then the kubelet is upgraded and the node uncordoned.",
  params: [
    { name: "workers", type: "integer", label: "Workers", description: "Worker nodes.", default: 3, min: 2, max: 6 },
    {
      name: "replicas",
      type: "integer",
      label: "Replicas",
      description: "Replicas of the web Deployment.",
      default: 4,
      min: 2,
      max: 10,
    },
    {
      name: "budget",
      type: "enum",
      label: "Budget",
      description: "The PodDisruptionBudget that selects the web pods, if any.",
      default: 1,
      options: optionsOf(["none", "minAvailable", "maxUnavailable"]),
    },
    {
      name: "minAvailable",
      type: "integer",
      label: "minAvailable",
      description:
        "`spec.minAvailable` of the budget: pods that must stay Ready. Equal to the replicas, it blocks every drain.",
      default: 3,
      min: 1,
      max: 10,
      maxFrom: "replicas",
      appliesWhen: { budget: [1] },
    },
    {
      name: "maxUnavailable",
      type: "integer",
      label: "maxUnavailable",
      description: "`spec.maxUnavailable` of the budget: pods that may be down at once.",
      default: 1,
      min: 1,
      max: 10,
      maxFrom: "replicas",
      appliesWhen: { budget: [2] },
    },
    {
      name: "kubeletMinor",
      type: "enum",
      label: "New kubelet",
      description:
        "The kubelet version installed on the drained node; the control plane " +
        `runs ${API_SERVER_VERSION} and the workers ${OLD_KUBELET}.`,
      default: 35,
      options: [
        { value: 33, label: "v1.33.0" },
        { value: 34, label: "v1.34.0" },
        { value: 35, label: "v1.35.0" },
        { value: 36, label: "v1.36.0 (newer than the API server)" },
      ],
    },
  ],
  plan,
  claims: nodeDrainClaims,
};
