// npm run sim -- schedule --nodes <file> --pod <file> [--pods <file>] [--config <file>] [--json]
// "Why did my pod land there?": one kube-scheduler cycle on real manifests, explained per plugin.
// Exit codes: 0 a node was selected; 1 the pod is unschedulable (it would stay Pending);
// 2 usage error or invalid input (the message names the file, document and field).
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import {
  explainSchedule,
  formatInputError,
  formatScheduleTable,
  parseSchedulingInputs,
  type InputFile,
} from "@/lib/sim/scheduler-framework";
import { flagOption, textOption } from "../cli-options";

export const EXIT_SCHEDULED = 0;
export const EXIT_UNSCHEDULABLE = 1;
export const EXIT_BAD_INPUT = 2;

type CommandIO = { out: (text: string) => void; err: (text: string) => void };

const USAGE = "usage: npm run sim -- schedule --nodes <file> --pod <file> [--pods <file>] [--config <file>] [--json]\n";

const defaultIO: CommandIO = { out: (text) => process.stdout.write(text), err: (text) => process.stderr.write(text) };

async function readInput(path: string | undefined): Promise<InputFile | undefined> {
  if (path === undefined) return undefined;
  return { file: path, text: await readFile(path, "utf8") };
}

function parseOptions(argv: string[]) {
  return parseArgs({
    args: argv,
    options: {
      nodes: textOption,
      pod: textOption,
      pods: textOption,
      config: textOption,
      json: flagOption,
      help: { ...flagOption, short: "h" },
    },
    allowPositionals: false,
  }).values;
}

/** Runs the schedule command; resolves to the exit code. */
export async function runScheduleCommand(argv: string[], io: CommandIO = defaultIO): Promise<number> {
  let options: ReturnType<typeof parseOptions>;
  try {
    options = parseOptions(argv);
  } catch (error) {
    io.err(`${(error as Error).message}\n${USAGE}`);
    return EXIT_BAD_INPUT;
  }
  if (options.help) {
    io.out(USAGE);
    return EXIT_SCHEDULED;
  }
  if (!options.nodes || !options.pod) {
    io.err(`--nodes and --pod are required\n${USAGE}`);
    return EXIT_BAD_INPUT;
  }
  let files: { nodes?: InputFile; pod?: InputFile; pods?: InputFile; config?: InputFile };
  try {
    files = {
      nodes: await readInput(options.nodes),
      pod: await readInput(options.pod),
      pods: await readInput(options.pods),
      config: await readInput(options.config),
    };
  } catch (error) {
    io.err(`cannot read input: ${(error as Error).message}\n`);
    return EXIT_BAD_INPUT;
  }
  if (!files.nodes || !files.pod) return EXIT_BAD_INPUT;
  const inputs = parseSchedulingInputs({ nodes: files.nodes, pod: files.pod, pods: files.pods, config: files.config });
  const explanation = inputs.ok ? explainSchedule(inputs.value) : inputs;
  if (!explanation.ok) {
    io.err(`error: ${formatInputError(explanation.error)}\n`);
    return EXIT_BAD_INPUT;
  }
  io.out(
    options.json ? `${JSON.stringify(explanation.value.json, null, 2)}\n` : formatScheduleTable(explanation.value),
  );
  return explanation.value.result.selectedNode === null ? EXIT_UNSCHEDULABLE : EXIT_SCHEDULED;
}
