// The work that runs inside the pool's worker threads, never on the request loop: a simulation
// run, a scheduler cycle, a predict question's generation, Markdown rendering, reading an account
// file (megabytes of JSON, maybe gzipped, checked row by row), FSRS work (fitting weights to a review
// log, replaying cards' histories, simulating desired retentions), and Anki packages (reading one:
// unzip, zstd, SQLite; replaying its review history; writing one). Each task is plain data in and
// plain data out (structured-cloned across the thread boundary). This module is loaded by
// lib/pool/worker-entry.mjs; it must not import server-only code.
import { renderInlineMarkdown, renderMarkdown } from "../content/markdown";
import { createLru } from "../lru";
import { buildApkg, type ApkgExportInput } from "../export/apkg/build-apkg";
import {
  evaluateWeights,
  optimizeWeights,
  type WeightsComparison,
  type WeightsInput,
} from "../fsrs-optimizer/optimize-weights";
import { simulateWorkload, type Workload, type WorkloadInput } from "../fsrs-planner/simulate-workload";
import { readAccountFile } from "../import/account-file";
import type { AnkiCard, AnkiRevlog } from "../import/apkg/collection-types";
import { parseAnkiPackage, type ApkgImport } from "../import/apkg/parse-apkg";
import { replayCards, type ReplayedCard } from "../import/apkg/replay-revlog";
import type { AccountExportParse } from "../validations/account-export";
import {
  generate,
  runScenario,
  type Fault,
  type GeneratedQuestion,
  type GeneratorKind,
  type Params,
  type PrefixSnapshot,
  type Trace,
} from "../sim";
import { createRng, seedRng } from "../sim/core/rng";
import { replayHistories, type CardHistory } from "../srs/replay-grades";
import type { MemoryState, SchedulerOptions } from "../srs/schedule";
import { explainSchedule, parseSchedulingInputs } from "../sim/scheduler-framework";
import type { SchedulingInputFiles } from "../sim/scheduler-framework/parse-inputs";

type RenderedPredictQuestion = {
  promptHtml: string;
  choices: { id: string; label: string; html: string }[];
  hint: string;
  answer: string;
  explanationHtml: string;
  replay: GeneratedQuestion["replay"];
};

type ScheduleOutcome =
  ReturnType<typeof explainSchedule> | Extract<ReturnType<typeof parseSchedulingInputs>, { ok: false }>;

export type HeavyTask =
  | { kind: "run-scenario"; scenarioId: string; params: Params; seed: number; faults?: Fault[] }
  | { kind: "schedule"; files: SchedulingInputFiles; seed?: number }
  | { kind: "predict"; generator: GeneratorKind; seed: number }
  | { kind: "render-markdown"; sources: string[] }
  | { kind: "fsrs-optimize"; input: WeightsInput }
  | { kind: "fsrs-evaluate"; input: WeightsInput & { personalWeights: number[] | null } }
  | { kind: "fsrs-plan"; input: WorkloadInput }
  | { kind: "fsrs-reschedule"; histories: CardHistory[]; options: SchedulerOptions }
  | { kind: "parse-account"; bytes: Uint8Array }
  | { kind: "parse-apkg"; bytes: Uint8Array }
  | {
      kind: "replay-anki-history";
      cards: { anki: AnkiCard; entries: AnkiRevlog[] }[];
      crt: number;
      options: SchedulerOptions;
    }
  | { kind: "build-apkg"; input: ApkgExportInput };

type RescheduledCard = { cardId: string; state: MemoryState | null };

/** What each task kind answers with. */
type HeavyResults = {
  "run-scenario": Trace;
  schedule: ScheduleOutcome;
  predict: RenderedPredictQuestion;
  "render-markdown": string[];
  "fsrs-optimize": WeightsComparison;
  "fsrs-evaluate": WeightsComparison;
  "fsrs-plan": Workload[];
  "fsrs-reschedule": RescheduledCard[];
  "parse-account": AccountExportParse;
  "parse-apkg": ApkgImport;
  "replay-anki-history": ReplayedCard[];
  "build-apkg": Uint8Array;
};

export type HeavyResult<T extends HeavyTask> = HeavyResults[T["kind"]];

function schedule(files: SchedulingInputFiles, seed: number | undefined): ScheduleOutcome {
  const inputs = parseSchedulingInputs(files);
  if (!inputs.ok) return inputs;
  // Upstream breaks ties uniformly at random; with a seed the choice is reproducible.
  if (seed === undefined) return explainSchedule(inputs.value);
  const rng = createRng(seedRng(seed));
  return explainSchedule(inputs.value, (n) => rng.int(n));
}

async function predict(generator: GeneratorKind, seed: number): Promise<RenderedPredictQuestion> {
  const question = generate(generator, seed);
  return {
    promptHtml: await renderMarkdown(question.prompt),
    choices: await Promise.all(
      question.choices.map(async (choice) => ({
        id: choice.id,
        label: choice.label,
        html: await renderInlineMarkdown(choice.label),
      })),
    ),
    hint: question.hint,
    answer: question.answer,
    explanationHtml: await renderMarkdown(question.explanation),
    replay: question.replay,
  };
}

/**
 * This worker's snapshots of recent runs (lib/sim/faults/prefix.ts): a faulted run resumes from its
 * base run's prefix instead of re-running it. One run keeps at most about 8 MB (control-plane-ha).
 */
const prefixRuns = createLru<PrefixSnapshot[]>(8);
const prefixes = { snapshotsFor: (key: string) => prefixRuns.getOrCompute(key, () => []) };

async function renderAll(sources: string[]): Promise<string[]> {
  const html: string[] = [];
  for (const source of sources) html.push(await renderMarkdown(source));
  return html;
}

/** Each task kind's work, typed so that it answers with what HeavyResults says for that kind. */
const handlers: {
  [K in HeavyTask["kind"]]: (task: Extract<HeavyTask, { kind: K }>) => HeavyResults[K] | Promise<HeavyResults[K]>;
} = {
  "run-scenario": (task) => runScenario(task.scenarioId, task.params, task.seed, { faults: task.faults, prefixes }),
  schedule: (task) => schedule(task.files, task.seed),
  predict: (task) => predict(task.generator, task.seed),
  "render-markdown": (task) => renderAll(task.sources),
  "fsrs-optimize": (task) => optimizeWeights(task.input),
  "fsrs-evaluate": (task) => evaluateWeights(task.input),
  "fsrs-plan": (task) => simulateWorkload(task.input),
  "fsrs-reschedule": (task) => replayHistories(task.histories, task.options),
  "parse-account": (task) => readAccountFile(task.bytes),
  "parse-apkg": (task) => parseAnkiPackage(task.bytes),
  "replay-anki-history": (task) => replayCards(task.cards, task.crt, task.options),
  "build-apkg": (task) => buildApkg(task.input),
};

/** The worker's one entry point (piscina calls the default export with each task). */
export default async function runHeavyTask(task: HeavyTask): Promise<HeavyResult<HeavyTask>> {
  // TypeScript cannot tie handlers[task.kind] to this task's kind (a correlated union), hence the cast.
  const handle = handlers[task.kind] as (task: HeavyTask) => HeavyResult<HeavyTask> | Promise<HeavyResult<HeavyTask>>;
  return handle(task);
}
