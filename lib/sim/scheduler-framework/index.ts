// Public API of the scheduler simulation. The engine calls buildSnapshot / scheduleOne / assumePod
// and the queue functions; the CLI, the API route and the UI call parseSchedulingInputs and
// explainSchedule. Everything here is pure (time and randomness are injected).
export { buildSnapshot, assumePod, type Snapshot } from "@/lib/sim/scheduler-framework/snapshot";
export { newPodInfo, type PodInfo } from "@/lib/sim/scheduler-framework/pod-info";
export { scheduleOne, type ScheduleResult } from "@/lib/sim/scheduler-framework/framework/schedule-one";
export { defaultSchedulerConfig } from "@/lib/sim/scheduler-framework/config/build-config";
export { parseSchedulingInputs, type InputFile } from "@/lib/sim/scheduler-framework/parse-inputs";
export { explainSchedule, type Explanation } from "@/lib/sim/scheduler-framework/explain";
export { formatScheduleTable } from "@/lib/sim/scheduler-framework/format-table";
export { formatInputError, type InputError } from "@/lib/sim/manifests/input-error";
export type { Code } from "@/lib/sim/scheduler-framework/types";
