// Public API of the scheduler simulation. The engine calls buildSnapshot / scheduleOne / assumePod
// and the queue functions; the CLI, the API route and the UI call parseSchedulingInputs and
// explainSchedule. Everything here is pure (time and randomness are injected).
export { buildSnapshot, assumePod, type Snapshot, type NodeInfo } from "@/lib/sim/scheduler/snapshot";
export { newPodInfo, type PodInfo } from "@/lib/sim/scheduler/pod-info";
export {
  scheduleOne,
  type ScheduleResult,
  type ScheduleOptions,
  type NodeResult,
} from "@/lib/sim/scheduler/framework/schedule-one";
export { defaultSchedulerConfig, type SchedulerConfig } from "@/lib/sim/scheduler/config/build-config";
export {
  parseSchedulingInputs,
  type SchedulingInputs,
  type SchedulingInputFiles,
  type InputFile,
} from "@/lib/sim/scheduler/parse-inputs";
export { explainSchedule, type Explanation, type ScheduleJson } from "@/lib/sim/scheduler/explain";
export { formatScheduleTable } from "@/lib/sim/scheduler/format-table";
export { formatInputError, type InputError, type Result } from "@/lib/sim/k8s/input-error";
export type { Profile, PluginName, Code, Status } from "@/lib/sim/scheduler/types";
export { type SchedulingQueue, type QueuedPod, type QueueConfig } from "@/lib/sim/scheduler/queue";
