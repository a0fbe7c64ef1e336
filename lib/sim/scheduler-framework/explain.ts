// "Why did my pod land there?": runs one scheduling cycle on parsed inputs and shapes the stable JSON
// documented in docs/schedule-cli.md (kube-scheduler-simulator's per-plugin table, sim-anchors §1).
import type { Result } from "@/lib/sim/manifests/input-error";
import { scheduleOne, type ScheduleResult } from "@/lib/sim/scheduler-framework/framework/schedule-one";
import type { SchedulingInputs } from "@/lib/sim/scheduler-framework/parse-inputs";
import { namespaceOf, newPodInfo } from "@/lib/sim/scheduler-framework/pod-info";
import { buildSnapshot } from "@/lib/sim/scheduler-framework/snapshot";
import type { Code, Profile } from "@/lib/sim/scheduler-framework/types";

type ScheduleJson = {
  selectedNode: string | null;
  nodes: {
    name: string;
    filters: { plugin: string; code: Code; reasons: string[] }[];
    scores: { plugin: string; raw: number; normalized: number; weighted: number }[];
    /** Σ weighted; null when the node was not scored (filtered out, not evaluated, or scoring skipped). */
    total: number | null;
  }[];
};

export type Explanation = {
  pod: string;
  profile: Profile;
  result: ScheduleResult;
  json: ScheduleJson;
  warnings: string[];
};

/** The stable JSON: nodes in input order. Pure. */
function toScheduleJson(result: ScheduleResult, inputOrder: string[]): ScheduleJson {
  const byName = new Map(result.nodes.map((node) => [node.name, node]));
  const nodes = inputOrder.flatMap((name) => {
    const node = byName.get(name);
    return node ? [{ name, filters: node.filters, scores: node.scores, total: node.total }] : [];
  });
  return { selectedNode: result.selectedNode, nodes };
}

/**
 * Explains where the pod would be scheduled. Ties go to `pickIndex` (default: the first tied node in
 * the scheduler's node order, so the CLI is deterministic; upstream picks at random). Pure.
 */
export function explainSchedule(
  inputs: SchedulingInputs,
  pickIndex: (n: number) => number = () => 0,
): Result<Explanation> {
  const pod = inputs.pod;
  const profile = inputs.config.profiles.find((p) => p.schedulerName === pod.spec.schedulerName);
  if (!profile) {
    const names = inputs.config.profiles.map((p) => `"${p.schedulerName}"`).join(", ");
    return {
      ok: false,
      error: {
        file: inputs.podFile,
        document: 1,
        item: null,
        kind: "Pod",
        name: pod.metadata.name,
        path: "spec.schedulerName",
        message: `no profile for scheduler "${pod.spec.schedulerName}" (profiles: ${names})`,
      },
    };
  }
  const { snapshot, warnings } = buildSnapshot(inputs.nodes, inputs.pods.map(newPodInfo), inputs.workloads);
  const result = scheduleOne(profile, newPodInfo(pod), snapshot, {
    pickIndex,
    percentageOfNodesToScore: inputs.config.percentageOfNodesToScore,
  });
  const json = toScheduleJson(
    result,
    inputs.nodes.map((n) => n.metadata.name),
  );
  return { ok: true, value: { pod: `${namespaceOf(pod)}/${pod.metadata.name}`, profile, result, json, warnings } };
}
