// Public API of the simulation engine. The app, the CLI and the tests import from here.
//
//   runScenario(id, params, seed)        -> Trace (deterministic; throws ScenarioInputError)
//   listScenarios()                      -> ids, titles, summaries and ParamDefs for what-if controls
//   parseParams(def, raw)                -> typed params or per-field messages (worded with the labels)
//   isParamApplicable(param, values)     -> whether a param matters given the others (appliesWhen)
//   traceSchema / parseTrace(json)       -> validate a trace read back
//   unpackRaftTape(trace.raft)           -> the Raft wire as rows (lib/replay/raft-tape.ts reads it per frame)
//   initialView / applyEvent / viewAt    -> the browser replay (fold events over checkpoints)
//   generate(kind, seed)                 -> a predict-then-replay question answered by a simulation run
//   runScenario(id, params, seed, { faults, prefixes })
//                                        -> the run with faults added (faults/), resumed from a snapshot of
//                                           the base run's prefix when `prefixes` holds one
//   parseFaultsJson / checkFaults        -> a fault list read (schema) and held against a run's cluster
//   compareRuns(base, faulted)           -> first divergence, key moments and flipped claims
export { runScenario, ScenarioInputError, type RunOptions } from "./run-scenario";
export { listScenarios, findScenario, SCENARIO_IDS, SCENARIOS, type ScenarioInfo } from "./scenarios/registry";
export {
  parseParams,
  defaultParams,
  isParamApplicable,
  applicableParams,
  readParamValue,
  formatParamValue,
  type RawParams,
} from "./scenarios/params";
export type { ParamDef, IntegerParamDef, BooleanParamDef, EnumParamDef, ScenarioDef } from "./scenarios/types";
export type { Trace, TraceEvent, ClaimResult, Params, ParamValue, Topology } from "./trace/types";
export { decidingSeq } from "./trace/deciding-seq";
export { RAFT_WIRE_TYPES, RAFT_TAPE_ROLES, type RaftTape, type RaftTapeRows } from "./trace/types";
export { packRaftTape, unpackRaftTape } from "./trace/raft-tape-codec";
export { traceSchema, raftTapeSchema, parseTrace } from "./trace/schema";
export { formatTimeline } from "./trace/format";
export { initialView, applyEvent, buildCheckpoints, viewAt, viewAtTime, CHECKPOINT_EVERY } from "./view/fold";
export type { View, ProcView, PodView, RequestView } from "./view/types";
export { ENGINE_VERSION } from "./version";
export { generate } from "./generators/generate";
export { GENERATOR_KINDS, type GeneratorKind, type GeneratedQuestion } from "./generators/types";
export { faultSchema, faultListSchema, FAULTS_MAX, FAULT_HORIZON_MS, type Fault } from "./faults/schema";
export { checkFaults, clusterHosts } from "./faults/check";
export { parseFaultsJson, faultsJson, describeFaultErrors } from "./faults/parse";
export { compareRuns, type RunComparison } from "./faults/compare";
export { latestSnapshot, SNAPSHOTS_PER_RUN_MAX, type PrefixStore, type PrefixSnapshot } from "./faults/prefix";
