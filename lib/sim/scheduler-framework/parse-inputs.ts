// The "why did my pod land there?" inputs: nodes, the pod, existing pods (and the Services and
// controllers default spreading reads), and an optional KubeSchedulerConfiguration.
import type { Result } from "@/lib/sim/manifests/input-error";
import { parseExistingObjects, parseNodes, parsePod } from "@/lib/sim/manifests/parse-objects";
import type { Node, Pod } from "@/lib/sim/objects/core";
import type { Workload } from "@/lib/sim/scheduler-framework/workload";
import {
  defaultSchedulerConfig,
  parseSchedulerConfig,
  type SchedulerConfig,
} from "@/lib/sim/scheduler-framework/config/build-config";

export type InputFile = { file: string; text: string };

export type SchedulingInputFiles = { nodes: InputFile; pod: InputFile; pods?: InputFile; config?: InputFile };

/** podFile names the pod's file in later errors (e.g. an unknown schedulerName). */
export type SchedulingInputs = {
  nodes: Node[];
  pod: Pod;
  podFile: string;
  pods: Pod[];
  workloads: Workload[];
  config: SchedulerConfig;
};

/** Parses and validates every input; the first error names its file, document and field. Pure. */
export function parseSchedulingInputs(files: SchedulingInputFiles): Result<SchedulingInputs> {
  const nodes = parseNodes(files.nodes.file, files.nodes.text);
  if (!nodes.ok) return nodes;
  const pod = parsePod(files.pod.file, files.pod.text);
  if (!pod.ok) return pod;
  const existing = files.pods
    ? parseExistingObjects(files.pods.file, files.pods.text)
    : { ok: true as const, value: { pods: [], workloads: [] } };
  if (!existing.ok) return existing;
  const config = files.config
    ? parseSchedulerConfig(files.config.file, files.config.text)
    : { ok: true as const, value: defaultSchedulerConfig() };
  if (!config.ok) return config;
  return {
    ok: true,
    value: {
      nodes: nodes.value,
      pod: pod.value,
      podFile: files.pod.file,
      pods: existing.value.pods,
      workloads: existing.value.workloads,
      config: config.value,
    },
  };
}
