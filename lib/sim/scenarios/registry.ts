// The scenario registry: ids, one-line summaries and parameter definitions, for the CLI, the API
// route and the UI's what-if controls.
import { controlPlaneHa } from "./control-plane-ha";
import { etcdBackupRestore } from "./etcd-backup-restore";
import { etcdOutage } from "./etcd-outage";
import { etcdQuorumLoss } from "./etcd-quorum-loss";
import { nodeFailure } from "./node-failure";
import { kubectlCreateDeployment } from "./kubectl-create-deployment";
import { deploymentVsStatefulset } from "./deployment-vs-statefulset";
import { rollingUpdate } from "./rolling-update";
import { scheduling } from "./scheduling";
import { kubeProxyModes } from "./kube-proxy-modes";
import { hpa } from "./hpa";
import { clusterAutoscalerScenario } from "./cluster-autoscaler";
import { jobs } from "./jobs";
import { nodeDrain } from "./node-drain";
import { kubeadmUpgrade } from "./kubeadm-upgrade";
import { admissionPolicies } from "./admission-policies";
import { networkPolicyDns } from "./network-policy-dns";
import { operator } from "./operator";
import type { ParamDef, ScenarioDef } from "./types";

export const SCENARIOS: readonly ScenarioDef[] = [
  etcdQuorumLoss,
  etcdOutage,
  controlPlaneHa,
  nodeFailure,
  kubectlCreateDeployment,
  deploymentVsStatefulset,
  rollingUpdate,
  scheduling,
  kubeProxyModes,
  nodeDrain,
  etcdBackupRestore,
  jobs,
  hpa,
  networkPolicyDns,
  clusterAutoscalerScenario,
  operator,
  admissionPolicies,
  kubeadmUpgrade,
];

export type ScenarioInfo = { id: string; title: string; summary: string; params: ParamDef[] };

/** What the UI needs to list scenarios and render their controls. */
export function listScenarios(): ScenarioInfo[] {
  return SCENARIOS.map((d) => ({
    id: d.id,
    title: d.title,
    summary: d.summary,
    params: d.params.map((p) => ({ ...p })),
  }));
}

export function findScenario(id: string): ScenarioDef | undefined {
  return SCENARIOS.find((d) => d.id === id);
}

export const SCENARIO_IDS: readonly string[] = SCENARIOS.map((d) => d.id);
